import fc from 'fast-check';
import { parseDuration, parseDurations } from '../config/durations.js';
import { judgeAttempt, parseRetryAfter } from './retry-policy.js';

const schedule = parseDurations('5s,5m,30m,2h,5h,10h,10h');
const scheduled = (scheduledAttempts: number) => ({ trigger: 'scheduled', scheduledAttempts }) as const;
const failure = { statusCode: 500, timedOut: false };

describe('what follows a delivery attempt', () => {
  it('delivers on any 2xx, and counts 3xx as a failure (redirects are not followed)', () => {
    for (const statusCode of [200, 201, 204, 299]) expect(judgeAttempt({ statusCode, timedOut: false }, scheduled(1), schedule)).toEqual({ kind: 'delivered' });
    expect(judgeAttempt({ statusCode: 301, timedOut: false }, scheduled(1), schedule, () => 0.5)).toEqual({ kind: 'retry', delayMs: 5000 });
  });

  it('waits the scheduled delay within ±20 % jitter, then fails after the last one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const verdict = judgeAttempt(failure, scheduled(n), schedule, () => r);
        const delay = schedule[n - 1]!;
        expect(verdict.kind).toBe('retry');
        const { delayMs } = verdict as { delayMs: number };
        expect(delayMs).toBeGreaterThanOrEqual(Math.floor(delay * 0.8));
        expect(delayMs).toBeLessThanOrEqual(Math.ceil(delay * 1.2));
      }),
    );
    expect(judgeAttempt(failure, scheduled(8), schedule)).toEqual({ kind: 'failed' });
  });

  it('a 429 or a timeout waits at least the scheduled delay', () => {
    expect(judgeAttempt({ statusCode: 429, timedOut: false }, scheduled(2), schedule, () => 0)).toEqual({ kind: 'retry', delayMs: 300_000 });
    expect(judgeAttempt({ statusCode: 0, timedOut: true }, scheduled(1), schedule, () => 0)).toEqual({ kind: 'retry', delayMs: 5000 });
    expect(judgeAttempt(failure, scheduled(1), schedule, () => 0)).toEqual({ kind: 'retry', delayMs: 4000 });
  });

  it('honours Retry-After clamped to 1–2× the scheduled delay', () => {
    expect(judgeAttempt({ statusCode: 503, timedOut: false, retryAfterMs: 7000 }, scheduled(1), schedule)).toEqual({ kind: 'retry', delayMs: 7000 });
    expect(judgeAttempt({ statusCode: 503, timedOut: false, retryAfterMs: 0 }, scheduled(1), schedule)).toEqual({ kind: 'retry', delayMs: 5000 });
    expect(judgeAttempt({ statusCode: 429, timedOut: false, retryAfterMs: 86_400_000 }, scheduled(1), schedule)).toEqual({ kind: 'retry', delayMs: 10_000 });
  });

  it('410 Gone ends the message at once; a manual retry is tried once', () => {
    expect(judgeAttempt({ statusCode: 410, timedOut: false }, scheduled(1), schedule)).toEqual({ kind: 'gone' });
    expect(judgeAttempt(failure, { trigger: 'manual', scheduledAttempts: 1 }, schedule)).toEqual({ kind: 'failed' });
    expect(judgeAttempt({ statusCode: 200, timedOut: false }, { trigger: 'manual', scheduledAttempts: 8 }, schedule)).toEqual({ kind: 'delivered' });
  });
});

describe('durations and Retry-After', () => {
  it('reads the retry schedule and names a part it cannot read', () => {
    expect(schedule).toEqual([5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(parseDuration('5d')).toBe(432_000_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('15')).toBe(15_000);
    expect(() => parseDurations('5s,soon')).toThrow('"soon" is not a duration');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('whenever', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

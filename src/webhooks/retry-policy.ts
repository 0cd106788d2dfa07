/**
 * What happens after one delivery attempt. Any 2xx delivers; 3xx and everything else fail (a
 * redirect is never followed). A failure waits the schedule's next delay with ±20 % jitter; a
 * `Retry-After` is honoured but clamped to 1–2× that delay, and a 429 or a timeout never waits less
 * than the delay itself. After the schedule's last delay the message has failed; a 410 Gone ends
 * it at once and disables the subscription.
 */
export interface AttemptResult {
  /** 0 when no response came (refused, reset, timed out, guard). */
  readonly statusCode: number;
  readonly timedOut: boolean;
  /** The response's Retry-After, in milliseconds from now. */
  readonly retryAfterMs?: number;
}

export type Verdict =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'failed' }
  | { readonly kind: 'gone' };

export const JITTER = 0.2;

/**
 * `scheduledAttempts`: scheduled attempts made, this one included. A manual attempt (a retry asked
 * for through the API) is tried once: it is delivered or failed again.
 */
export function judgeAttempt(
  result: AttemptResult,
  attempt: { readonly trigger: 'scheduled' | 'manual'; readonly scheduledAttempts: number },
  scheduleMs: readonly number[],
  random: () => number = Math.random,
): Verdict {
  if (result.statusCode >= 200 && result.statusCode < 300) return { kind: 'delivered' };
  if (result.statusCode === 410) return { kind: 'gone' };
  const delay = scheduleMs[attempt.scheduledAttempts - 1];
  if (attempt.trigger === 'manual' || delay === undefined) return { kind: 'failed' };
  if (result.retryAfterMs !== undefined) return { kind: 'retry', delayMs: Math.min(Math.max(result.retryAfterMs, delay), 2 * delay) };
  const atLeastTheDelay = result.statusCode === 429 || result.timedOut;
  const spread = atLeastTheDelay ? random() * JITTER : (random() * 2 - 1) * JITTER;
  return { kind: 'retry', delayMs: Math.round(delay * (1 + spread)) };
}

/** `Retry-After: 120` or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: Date): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

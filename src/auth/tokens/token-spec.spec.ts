import { checkTokenSpec } from './token-spec.js';

describe('a token spec', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const expiry = (expiresAt: string) => checkTokenSpec({ role: 'auditor', name: 'Tarkastaja', expiresAt }, now);

  it('reads --expires DATE as the end of that day in Europe/Helsinki, summer and winter time alike', () => {
    expect(expiry('2027-12-31')).toMatchObject({ ok: true, spec: { expiresAt: '2027-12-31T22:00:00.000Z' } });
    expect(expiry('2027-06-30')).toMatchObject({ ok: true, spec: { expiresAt: '2027-06-30T21:00:00.000Z' } });
    // The last Sunday of March: the day DST begins still ends at midnight local time.
    expect(expiry('2027-03-28')).toMatchObject({ ok: true, spec: { expiresAt: '2027-03-28T21:00:00.000Z' } });
    // Today works through today.
    expect(expiry('2026-12-01')).toMatchObject({ ok: true, spec: { expiresAt: '2026-12-01T22:00:00.000Z' } });
  });

  it('takes a timestamp as it is', () => {
    expect(expiry('2027-01-01T12:00:00+02:00')).toMatchObject({ ok: true, spec: { expiresAt: '2027-01-01T10:00:00.000Z' } });
  });

  it('refuses a date or timestamp in the past, and what is neither', () => {
    expect(expiry('2026-11-30')).toEqual({ ok: false, problems: ['--expires 2026-11-30 is in the past (the token would never work)'] });
    expect(expiry('2026-12-01T09:59:59Z')).toMatchObject({ ok: false });
    expect(expiry('2027-02-30')).toEqual({ ok: false, problems: ['--expires 2027-02-30 is not a date (YYYY-MM-DD) or an ISO 8601 timestamp'] });
    expect(expiry('next year')).toMatchObject({ ok: false });
  });
});

import fc from 'fast-check';
import { dayAfter, helsinkiDate, isIsoDate } from './helsinki-date.js';

describe('helsinkiDate', () => {
  it.each([
    // winter time, UTC+2: the Helsinki day starts at 22:00 UTC the evening before
    ['2023-12-31T21:59:59.999Z', '2023-12-31'],
    ['2023-12-31T22:00:00.000Z', '2024-01-01'],
    ['2024-01-01T00:00:00.000Z', '2024-01-01'],
    // summer time, UTC+3: it starts at 21:00 UTC
    ['2023-06-30T20:59:59.999Z', '2023-06-30'],
    ['2023-06-30T21:00:00.000Z', '2023-07-01'],
    // clocks go forward on 31 March 2024 at 01:00 UTC (03:00 → 04:00); that midnight is still UTC+2
    ['2024-03-30T21:59:59.999Z', '2024-03-30'],
    ['2024-03-30T22:00:00.000Z', '2024-03-31'],
    ['2024-03-31T21:00:00.000Z', '2024-04-01'],
    ['2024-03-31T20:59:59.999Z', '2024-03-31'],
    // clocks go back on 29 October 2023 at 01:00 UTC (04:00 → 03:00); that midnight is still UTC+3
    ['2023-10-28T20:59:59.999Z', '2023-10-28'],
    ['2023-10-28T21:00:00.000Z', '2023-10-29'],
    ['2023-10-29T21:59:59.999Z', '2023-10-29'],
    ['2023-10-29T22:00:00.000Z', '2023-10-30'],
    // a leap day
    ['2024-02-28T22:00:00.000Z', '2024-02-29'],
  ])('%s is %s in Helsinki', (instant, date) => {
    expect(helsinkiDate(new Date(instant))).toBe(date);
  });

  it('is always the UTC date two or three hours later', () => {
    const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const date = helsinkiDate(instant);
        expect(isIsoDate(date)).toBe(true);
        const hour = 3_600_000;
        expect([utcDate(instant.getTime() + 2 * hour), utcDate(instant.getTime() + 3 * hour)]).toContain(date);
      }),
    );
  });
});

describe('isIsoDate', () => {
  it.each(['2023-10-09', '2024-02-29', '2000-02-29', '2023-12-31', '2023-01-01'])('accepts %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2023-02-30',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-10-00',
    '2023-10-9',
    '09.10.2023', // the Finnish way of writing it, not the API's
    '2023-10-09T00:00:00Z',
    ' 2023-10-09',
    '',
  ])('refuses %j', (date) => {
    expect(isIsoDate(date)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isIsoDate(20231009)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });
});

describe('dayAfter', () => {
  it.each([
    ['2025-12-31', '2026-01-01'],
    ['2024-02-28', '2024-02-29'],
    ['2023-02-28', '2023-03-01'],
    ['2024-04-30', '2024-05-01'],
    ['0099-12-31', '0100-01-01'],
    ['9999-12-31', null],
  ])('the day after %s is %s', (date, next) => {
    expect(dayAfter(date)).toBe(next);
  });

  it('is a calendar date later than the date, with nothing between them', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const date = instant.toISOString().slice(0, 10);
        const next = dayAfter(date)!;
        expect(isIsoDate(next)).toBe(true);
        expect(next > date).toBe(true);
        expect(Date.parse(`${next}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)).toBe(86_400_000);
      }),
    );
  });
});

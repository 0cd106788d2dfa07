import type { IsoDate } from './agreement-events.js';

/**
 * Agreement dates are Finnish calendar dates: a council that met on 9 October decided on
 * 2023-10-09, even though at 00:30 Helsinki time it was still 8 October in UTC.
 */
const HELSINKI = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date in Europe/Helsinki at `instant` (DST included, via the ICU time-zone data). Throws RangeError for an invalid Date. */
export function helsinkiDate(instant: Date): IsoDate {
  const parts = HELSINKI.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** `YYYY-MM-DD` naming a day that exists: 2024-02-29 does, 2023-02-29 and 2023-04-31 do not. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The calendar day after `date`: the first day a term ending on `date` no longer holds. Null after
 * 9999-12-31, the last day `YYYY-MM-DD` can name: such a term never ends.
 */
export function dayAfter(date: IsoDate): IsoDate | null {
  if (date === '9999-12-31') return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(0);
  next.setUTCFullYear(year, month - 1, day + 1); // not Date.UTC, which reads years 0–99 as 1900–1999
  return `${String(next.getUTCFullYear()).padStart(4, '0')}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(next.getUTCDate()).padStart(2, '0')}`;
}

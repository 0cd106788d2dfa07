import Holidays from 'date-holidays';
import type { CompetentBodyKind, IsoDate } from './agreement-events.js';
import { dayAfter } from './helsinki-date.js';

/**
 * When a municipal decision can no longer be appealed (Local Government Act 410/2015 §§ 134–140;
 * DESIGN.md "Finality"): a member of the municipality is deemed notified seven days after the
 * minutes are published online; a council's decision can then be appealed within 30 days
 * (kunnallisvalitus), any other body's is open to a rectification request within 14
 * (oikaisuvaatimus). A deadline on a Saturday, a Sunday or a day the Act on reckoning statutory
 * time limits (150/1930 § 5) names moves to the next working day.
 */
export const DEEMED_NOTIFIED_AFTER_DAYS = 7;
export const APPEAL_DAYS: Readonly<Record<CompetentBodyKind, number>> = { council: 30, board: 14, other: 14 };

/** The last day to appeal a decision whose minutes were published on `minutesPublishedOn`. */
export function appealableUntil(minutesPublishedOn: IsoDate, kind: CompetentBodyKind): IsoDate {
  return firstWorkingDayFrom(addDays(minutesPublishedOn, DEEMED_NOTIFIED_AFTER_DAYS + APPEAL_DAYS[kind]));
}

/** `date`, or the first working day after it. */
export function firstWorkingDayFrom(date: IsoDate): IsoDate {
  let day = date;
  while (!isWorkingDay(day)) day = dayAfter(day) ?? day;
  return day;
}

/**
 * Not a Saturday or a Sunday, nor a day of 150/1930 § 5: the public holidays (pyhäpäivät),
 * Independence Day and May Day, which the holiday library lists as public, and Christmas Eve and
 * Midsummer Eve, which it lists as bank holidays (New Year's Eve, also a bank holiday, is not in
 * the Act).
 */
export function isWorkingDay(date: IsoDate): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !nonWorkingDays(Number(date.slice(0, 4))).has(date);
}

const finnish = new Holidays('FI');
/** By year: asking the library per day costs milliseconds, per year once. */
const byYear = new Map<number, ReadonlySet<IsoDate>>();

function nonWorkingDays(year: number): ReadonlySet<IsoDate> {
  let days = byYear.get(year);
  if (days === undefined) {
    const listed = finnish.getHolidays(year).flatMap((holiday) => {
      const date = holiday.date.slice(0, 10);
      const inTheAct = holiday.type === 'public' || (holiday.type === 'bank' && (date.endsWith('-12-24') || date.slice(5, 7) === '06'));
      return inTheAct ? [date] : [];
    });
    byYear.set(year, (days = new Set(listed)));
  }
  return days;
}

function addDays(date: IsoDate, days: number): IsoDate {
  let day = date;
  for (let i = 0; i < days; i++) day = dayAfter(day) ?? day;
  return day;
}

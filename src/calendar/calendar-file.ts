import ical, { ICalCalendarMethod } from 'ical-generator';
import type { ObligationRow } from '../../projections/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An obligation's period as the calendar shows it: one event, whoever still has to act in it. */
interface DuePeriod {
  readonly row: ObligationRow;
  readonly day: string;
  readonly partyNames: string[];
}

/** Rows are per party; a calendar wants one event per agreement, obligation and period (API.md "Calendar feeds"). */
function duePeriods(rows: readonly ObligationRow[]): DuePeriod[] {
  const periods = new Map<string, DuePeriod>();
  for (const row of rows) {
    const day = row.dueBy ?? row.to;
    // A period without a last day (open-ended, no `dueBy`) has no day to show.
    if (day === null) continue;
    const key = JSON.stringify([row.agreementId, row.obligationId, row.from]);
    const period = periods.get(key) ?? { row, day, partyNames: [] };
    period.partyNames.push(row.partyName);
    periods.set(key, period);
  }
  return [...periods.values()];
}

/** Noon UTC is the same calendar day in every time zone the writer might format it in. */
const noon = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T12:00:00Z`) + plusDays * DAY_MS);

/**
 * One all-day event per agreement, obligation and period still due, on the day it falls due. The
 * UID names exactly those three, so a calendar that fetches the feed again updates the event in
 * place; the description names the parties still to act.
 */
export function calendarFile(rows: readonly ObligationRow[], dashboardUrl: string | undefined): string {
  const calendar = ical({ name: 'agreement-ledger: obligations due', prodId: { company: 'agreement-ledger', product: 'obligations' }, method: ICalCalendarMethod.PUBLISH });
  for (const { row, day, partyNames } of duePeriods(rows)) {
    calendar.createEvent({
      id: `${row.agreementId}.${row.obligationId}.${row.from}@agreement-ledger`,
      start: noon(day),
      end: noon(day, 1),
      allDay: true,
      summary: row.title,
      description: [row.agreementTitle, ...(row.legalBasis !== null ? [row.legalBasis] : []), partyNames.join(', ')].join('\n'),
      ...(dashboardUrl !== undefined && { url: `${dashboardUrl}/agreements/${encodeURIComponent(row.agreementId)}` }),
    });
  }
  return calendar.toString();
}

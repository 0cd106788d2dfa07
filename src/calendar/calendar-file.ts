import ical, { ICalCalendarMethod } from 'ical-generator';
import type { ObligationRow } from '../../projections/index.js';

/**
 * One all-day event per obligation, period and party, on the day it falls due. The UID names
 * exactly those four, so a calendar that fetches the feed again updates the event in place.
 * A period without a last day (open-ended, no `dueBy`) has no day to show and is left out.
 */
export function calendarFile(rows: readonly ObligationRow[], dashboardUrl: string | undefined): string {
  const calendar = ical({ name: 'agreement-ledger: obligations due', prodId: { company: 'agreement-ledger', product: 'obligations' }, method: ICalCalendarMethod.PUBLISH });
  for (const row of rows) {
    const day = row.dueBy ?? row.to;
    if (day === null) continue;
    calendar.createEvent({
      id: `${row.agreementId}/${row.obligationId}/${row.from}/${row.partyId}@agreement-ledger`,
      // Noon UTC is the same calendar day in every time zone the writer might format it in.
      start: new Date(`${day}T12:00:00Z`),
      allDay: true,
      summary: `${row.title} — ${row.partyName}${row.status === 'overdue' ? ' (overdue)' : ''}`,
      description: [row.agreementTitle, ...(row.legalBasis !== null ? [row.legalBasis] : [])].join('\n'),
      ...(dashboardUrl !== undefined && { url: `${dashboardUrl}/agreements/${encodeURIComponent(row.agreementId)}` }),
    });
  }
  return calendar.toString();
}

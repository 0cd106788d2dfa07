import type { IsoDate } from '../src/core/agreement-events.js';
import type { CouncilTerms } from '../src/core/council-terms.js';
import { dayAfter } from '../src/core/helsinki-date.js';
import type { AgreementProjection } from './agreement-projection.js';
import { obligations } from './obligations.js';

/**
 * A date-driven notice of an obligation, for the webhooks `obligation.<type>`: `due_soon` on the
 * day `reminderDays` before a period's last day, `overdue` on the day after it, each for a party
 * whose period is still unmet on that day.
 */
export interface ObligationNotice {
  readonly type: 'due_soon' | 'overdue';
  /** The version whose obligations they are on that day. */
  readonly version: number;
  readonly obligationId: string;
  readonly period: { readonly from: IsoDate; readonly to: IsoDate };
  readonly partyId: string;
  readonly title: string;
  /** The day the notice falls on. */
  readonly effectiveOn: IsoDate;
}

/**
 * The notices falling on a day in `(after, through]`, in date order, from the obligations as
 * they stand on each such day (a meeting held by then silences them). Every day of the range
 * counts, so a server that was down catches up on the days it missed.
 */
export function obligationNotices(state: AgreementProjection, terms: CouncilTerms, reminderDays: number, after: IsoDate, through: IsoDate): ObligationNotice[] {
  const notices: ObligationNotice[] = [];
  for (const on of noticeDays(state, terms, reminderDays, after, through)) {
    const answer = obligations(state, { asOf: on }, terms);
    for (const item of answer?.items ?? []) {
      for (const { from, to, parties } of item.periods) {
        if (to === null) continue;
        const type = on === reminderDay(to, reminderDays) ? 'due_soon' : on === dayAfter(to) ? 'overdue' : null;
        if (type === null) continue;
        for (const { partyId, status } of parties) {
          if (status !== 'met') notices.push({ type, version: answer!.version, obligationId: item.obligationId, title: item.title, period: { from, to }, partyId, effectiveOn: on });
        }
      }
    }
  }
  return notices;
}

/**
 * The days after `after` on which notices may next fall, for the periods known at `after`: the
 * dispatcher looks at the agreement again on them. The day after a period ends is among them even
 * when it is met, so that the next period's days are found then.
 */
export function upcomingNoticeDays(state: AgreementProjection, terms: CouncilTerms, reminderDays: number, after: IsoDate): IsoDate[] {
  const days = new Set<IsoDate>();
  for (const item of obligations(state, { asOf: after }, terms)?.items ?? []) {
    for (const { to } of item.periods) {
      if (to === null) continue;
      for (const day of [reminderDay(to, reminderDays), dayAfter(to)]) if (day !== null && day > after) days.add(day);
    }
  }
  return [...days].sort();
}

/** The candidate days in `(after, through]`: those of the periods known at `through`. */
function noticeDays(state: AgreementProjection, terms: CouncilTerms, reminderDays: number, after: IsoDate, through: IsoDate): IsoDate[] {
  const days = new Set<IsoDate>();
  for (const item of obligations(state, { asOf: through }, terms)?.items ?? []) {
    for (const { to } of item.periods) {
      if (to === null) continue;
      for (const day of [reminderDay(to, reminderDays), dayAfter(to)]) if (day !== null && day > after && day <= through) days.add(day);
    }
  }
  return [...days].sort();
}

/** `days` calendar days before a period's last day. */
function reminderDay(lastDay: IsoDate, days: number): IsoDate {
  const [year, month, day] = lastDay.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day - days); // not Date.UTC, which reads years 0–99 as 1900–1999
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

import type { IsoDate } from '../src/core/agreement-events.js';
import { appealableUntil } from '../src/core/finality.js';
import { dayAfter } from '../src/core/helsinki-date.js';
import type { KnownDecision, PartyFacts } from './known-agreement.js';
import { countingDecision } from './party-approval.js';

/**
 * Finality (DESIGN.md "Finality"): information about a counting decision, never a condition of
 * force. Its window ends on `appealableUntil` (from the minutes' publication and the competent
 * body's kind); it is final once the window has passed and no appeal on it is pending.
 */
export interface PartyFinality {
  /** Of the party's counting decision, when its minutes' publication is known; else null. */
  readonly appealableUntil: IsoDate | null;
  /** An appeal on the counting decision lodged by asOf and not resolved by then. */
  readonly appealPending: boolean;
  /** The counting decision is an approval, its window has passed, and no appeal on it is pending. */
  readonly final: boolean;
}

export function partyFinality(party: PartyFacts, asOf: IsoDate): PartyFinality {
  const counting = countingDecision(party, asOf);
  if (counting === undefined) return { appealableUntil: null, appealPending: false, final: false };
  const until = windowEnd(party, counting);
  const appealPending = counting.appeals.some((appeal) => pendingOn(appeal, asOf));
  return { appealableUntil: until, appealPending, final: counting.data.outcome === 'approved' && until !== null && until < asOf && !appealPending };
}

/**
 * The day from which the party's counting approval has been final without a break, at asOf: the
 * day after its window, or the resolution of an appeal that was pending after it. Null unless it
 * is final at asOf.
 */
export function finalSince(party: PartyFacts, asOf: IsoDate): IsoDate | null {
  const counting = countingDecision(party, asOf);
  if (counting === undefined || !partyFinality(party, asOf).final) return null;
  const until = windowEnd(party, counting) as IsoDate;
  let since = dayAfter(until) as IsoDate;
  for (const appeal of counting.appeals) {
    if (appeal.lodgedOn <= asOf && appeal.resolvedOn !== null && appeal.resolvedOn > since) since = appeal.resolvedOn;
  }
  return since;
}

function windowEnd(party: PartyFacts, decision: KnownDecision): IsoDate | null {
  const published = decision.data.meeting.minutesPublishedOn;
  return published === undefined ? null : appealableUntil(published, party.party.competentBodyKind);
}

function pendingOn(appeal: KnownDecision['appeals'][number], date: IsoDate): boolean {
  return appeal.lodgedOn <= date && (appeal.resolvedOn === null || date < appeal.resolvedOn);
}

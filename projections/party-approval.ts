import type { IsoDate } from '../src/core/agreement-events.js';
import { intersect, never, onAndAfter, whereHolds, type DateInterval } from './date-intervals.js';
import type { KnownDecision, PartyFacts } from './known-agreement.js';

/**
 * Where a party stands on a version at a date: the outcome of its counting decision when that is
 * 'approved' or 'rejected'. Otherwise 'annulled' when the latest countable decision up to that
 * date has been annulled by then (the party has to decide again), else 'missing' (none, or a
 * counting `approved-amended`). Procedural decisions never count, so they never change this.
 */
export type ApprovalState = 'missing' | 'approved' | 'rejected' | 'annulled';

/** A decision counts on `date` once decided, unless an annulment holds then (made by `date`, not reversed by it). */
export function isInEffect(decision: KnownDecision, date: IsoDate): boolean {
  return decision.data.decidedOn <= date && !decision.annulments.some((a) => a.annulledOn <= date && (a.reversedOn === null || date < a.reversedOn));
}

/**
 * The decision that decides the party's approval on `date`: the latest in effect (by decidedOn,
 * then log order) of its countable decisions (competent body, substantive outcome). This is what
 * `counts: true` marks.
 */
export function countingDecision(party: PartyFacts, date: IsoDate): KnownDecision | undefined {
  for (let i = party.decisions.length - 1; i >= 0; i--) {
    const decision = party.decisions[i];
    if (isInEffect(decision, date)) return decision;
  }
  return undefined;
}

/** `approved(p, v, t)`; 'approved-amended' approves nothing until the change is a new version. */
export function isApproved(party: PartyFacts, date: IsoDate): boolean {
  return countingDecision(party, date)?.data.outcome === 'approved';
}

export function isSigned(party: PartyFacts, date: IsoDate): boolean {
  return party.signedOn !== null && party.signedOn <= date;
}

export function approvalState(party: PartyFacts, date: IsoDate): ApprovalState {
  const outcome = countingDecision(party, date)?.data.outcome;
  if (outcome === 'approved' || outcome === 'rejected') return outcome;
  const latest = party.decisions.findLast((decision) => decision.data.decidedOn <= date);
  return latest !== undefined && !isInEffect(latest, date) ? 'annulled' : 'missing';
}

/** The dates on which the party is approved and has signed. */
export function approvedAndSignedDates(party: PartyFacts): readonly DateInterval[] {
  if (party.signedOn === null) return never;
  const changes = party.decisions.flatMap((decision) => [
    decision.data.decidedOn,
    ...decision.annulments.flatMap((a) => (a.reversedOn === null ? [a.annulledOn] : [a.annulledOn, a.reversedOn])),
  ]);
  const approved = whereHolds(changes, (date) => isApproved(party, date));
  return intersect(approved, onAndAfter(party.signedOn));
}

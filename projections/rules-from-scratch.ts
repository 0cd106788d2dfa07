import type { DecisionOutcome, IsoDate } from '../src/core/agreement-events.js';
import { versionOf, type Decision, type Ledger } from './ledger-from-scratch.js';
import { sameName } from '../src/core/text-formats.js';
import { appealableUntil } from '../src/core/finality.js';
import type { Status } from './status.js';

/**
 * DESIGN.md's rules applied literally to the event list, each a function of (ledger, t). Slow and
 * obvious on purpose: this is the reference the incremental projection is checked against, and
 * it shares no rule code with it.
 */
/** The names of the party's competent body in the version: its own and its aliases. */
function competentBodyNames(ledger: Ledger, partyId: string, version: number): readonly string[] {
  const party = versionOf(ledger, version)?.parties.find((candidate) => candidate.partyId === partyId);
  return party === undefined ? [] : [party.competentBody, ...(party.bodyAliases ?? [])];
}

/** The decision's annulments, by the id they name, in log order. */
export function annulmentsOf(ledger: Ledger, decision: Decision): Ledger['annulments'][number][] {
  return ledger.annulments.filter((annulment) => annulment.data.decisionId === decision.eventId);
}

/** The date a reversal naming the annulment made its decision count again, or null. */
export function reversedOn(ledger: Ledger, annulment: Ledger['annulments'][number]): IsoDate | null {
  return ledger.reversals.find((reversal) => reversal.data.annulmentId === annulment.eventId)?.data.reversedOn ?? null;
}

/** "No annulment of it holds at t": none with annulledOn ≤ t that was not reversed with reversedOn ≤ t. */
export function annulledAt(ledger: Ledger, decision: Decision, t: IsoDate): boolean {
  return annulmentsOf(ledger, decision).some((annulment) => {
    const reversed = reversedOn(ledger, annulment);
    return annulment.data.annulledOn <= t && !(reversed !== null && reversed <= t);
  });
}

/** The decision's appeals in log order, each with the first resolution naming it. */
export function appealsOf(ledger: Ledger, decision: Decision) {
  return ledger.appeals
    .filter((appeal) => appeal.data.decisionId === decision.eventId)
    .map((appeal) => ({ appeal, resolution: ledger.resolutions.find((resolution) => resolution.data.appealId === appeal.eventId) }));
}

/** Pending at t: lodged by t, not resolved by t. */
function appealPendingAt(ledger: Ledger, decision: Decision, t: IsoDate): boolean {
  return appealsOf(ledger, decision).some(({ appeal, resolution }) => appeal.data.lodgedOn <= t && !(resolution !== undefined && resolution.data.resolvedOn <= t));
}

/** The last day to appeal the decision, from its minutes' publication and its party's body kind in the version. */
function windowEnd(ledger: Ledger, decision: Decision): IsoDate | null {
  const published = decision.data.meeting.minutesPublishedOn;
  const partyId = 'partyId' in decision.data ? decision.data.partyId : null;
  const party = versionOf(ledger, decision.data.version)?.parties.find((candidate) => candidate.partyId === partyId);
  return published === undefined || party === undefined ? null : appealableUntil(published, party.competentBodyKind);
}

/** `final` of one decision at t: an approval whose window ended before t, with no appeal pending at t. */
function finalAt(ledger: Ledger, decision: Decision, t: IsoDate): boolean {
  const until = windowEnd(ledger, decision);
  return decision.data.outcome === 'approved' && until !== null && until < t && !appealPendingAt(ledger, decision, t);
}

/** Status.pending's finality fields, of the party's counting decision on the version at t. */
export function finalityOf(ledger: Ledger, partyId: string, version: number, t: IsoDate) {
  const counting = countingDecision(ledger, partyId, version, t);
  if (counting === undefined) return { final: false, appealableUntil: null, appealPending: false };
  return { final: finalAt(ledger, counting, t), appealableUntil: windowEnd(ledger, counting), appealPending: appealPendingAt(ledger, counting, t) };
}

/**
 * The day from which every given party's counting approval of its version has been final without
 * a break, at t: for each, the earliest date d such that it is final on every date from d to t
 * (finality only changes on the dates its window and its appeals name), the latest of those; null
 * unless all are final at t.
 */
export function finalSinceOf(ledger: Ledger, approvals: readonly { partyId: string; version: number }[], t: IsoDate): IsoDate | null {
  let since: IsoDate | null = null;
  for (const { partyId, version } of approvals) {
    const counting = countingDecision(ledger, partyId, version, t);
    if (counting === undefined || !finalAt(ledger, counting, t)) return null;
    const until = windowEnd(ledger, counting) as IsoDate;
    const dates = [nextDay(until), ...appealsOf(ledger, counting).flatMap(({ appeal, resolution }) => [appeal.data.lodgedOn, ...(resolution ? [resolution.data.resolvedOn] : [])])]
      .filter((date) => date <= t)
      .sort();
    const from = dates.find((d) => dates.filter((date) => date >= d).every((date) => finalAt(ledger, counting, date))) as IsoDate;
    if (since === null || from > since) since = from;
  }
  return since;
}

const SUBSTANTIVE: readonly DecisionOutcome[] = ['approved', 'approved-amended', 'rejected'];

/** "What counts": the party's decisions on the version by its competent body with a substantive outcome. */
export function countable(ledger: Ledger, partyId: string, version: number): Decision[] {
  const names = competentBodyNames(ledger, partyId, version);
  return ledger.decisions.filter(
    (decision) =>
      'partyId' in decision.data &&
      decision.data.partyId === partyId &&
      decision.data.version === version &&
      names.some((name) => 'body' in decision.data && sameName(name, decision.data.body)) &&
      SUBSTANTIVE.includes(decision.data.outcome),
  );
}

/** The latest by decidedOn, then log order. */
export function latest(decisions: readonly Decision[]): Decision | undefined {
  return decisions.reduce<Decision | undefined>((best, decision) => {
    if (best === undefined || decision.data.decidedOn > best.data.decidedOn) return decision;
    return decision.data.decidedOn === best.data.decidedOn && decision.revision > best.revision ? decision : best;
  }, undefined);
}

export function countingDecision(ledger: Ledger, partyId: string, version: number, t: IsoDate): Decision | undefined {
  return latest(
    countable(ledger, partyId, version).filter((decision) => decision.data.decidedOn <= t && !annulledAt(ledger, decision, t)),
  );
}

export function approved(ledger: Ledger, partyId: string, version: number, t: IsoDate): boolean {
  return countingDecision(ledger, partyId, version, t)?.data.outcome === 'approved';
}

export function signed(ledger: Ledger, partyId: string, version: number, t: IsoDate): boolean {
  return ledger.signatures.some(
    (signature) => signature.data.partyId === partyId && signature.data.version === version && signature.data.signedOn <= t,
  );
}

/** Each signatory of the party who signed the version by t: earliest first, ties in log order. */
export function signatories(ledger: Ledger, partyId: string, version: number, t: IsoDate): Status['pending'][number]['signatories'] {
  return ledger.signatures
    .filter((signature) => signature.data.partyId === partyId && signature.data.version === version && signature.data.signedOn <= t)
    .sort((a, b) => (a.data.signedOn === b.data.signedOn ? a.revision - b.revision : a.data.signedOn < b.data.signedOn ? -1 : 1))
    .map(({ data }) => ({ name: data.signatory.name, title: data.signatory.title, signedOn: data.signedOn, method: data.method }));
}

/** `inTerm(v, t)`: effectiveFrom(v) ≤ t ≤ effectiveUntil(v), each bound only if set. */
export function inTerm(ledger: Ledger, version: number, t: IsoDate): boolean {
  const content = versionOf(ledger, version);
  if (content === undefined) return false;
  return (content.effectiveFrom === null || content.effectiveFrom <= t) && (content.effectiveUntil === null || t <= content.effectiveUntil);
}

/** The hub named by the draft's force rule; null for all-parties, also when the draft names no rule. */
export function hubOf(ledger: Ledger): string | null {
  const rule = ledger.draft.data.forceRule;
  return rule !== undefined && rule.kind === 'hub-and-spoke' ? rule.hub : null;
}

/** Hub-and-spoke: every party of any known version but the hub, in order of first appearance. */
export function spokesOf(ledger: Ledger): string[] {
  const hub = hubOf(ledger);
  return [...new Set(ledger.versions.flatMap((version) => version.parties.map((party) => party.partyId)))].filter((id) => id !== hub);
}

/**
 * The parties whose approval and signature `satisfied` asks for: every party of the version; for a
 * spoke, the hub and that spoke — none unless both are parties of the version.
 */
export function partiesToSatisfy(ledger: Ledger, version: number, spoke: string | null): string[] {
  const parties = (versionOf(ledger, version)?.parties ?? []).map((party) => party.partyId);
  if (spoke === null) return parties;
  const hub = hubOf(ledger);
  return hub !== null && parties.includes(hub) && parties.includes(spoke) ? [hub, spoke] : [];
}

/** `satisfied(v, t)`; with a spoke, of the pair of the hub and that spoke (DESIGN.md "Hub-and-spoke"). */
export function satisfied(ledger: Ledger, version: number, t: IsoDate, spoke: string | null = null): boolean {
  const parties = partiesToSatisfy(ledger, version, spoke);
  return (
    parties.length > 0 &&
    parties.every((partyId) => approved(ledger, partyId, version, t) && signed(ledger, partyId, version, t)) &&
    inTerm(ledger, version, t)
  );
}

/** Answers already worked out, per ledger, spoke and date: `expiredBy` asks about earlier dates again and again. */
const inForceMemo = new WeakMap<Ledger, Map<string, number | null>>();

/**
 * The version in force at t (with a spoke: between it and the hub): none from a standing
 * termination's effectiveOn; else the highest satisfied version above every version that expired by t.
 */
export function versionInForce(ledger: Ledger, t: IsoDate, spoke: string | null = null): number | null {
  let memo = inForceMemo.get(ledger);
  if (memo === undefined) inForceMemo.set(ledger, (memo = new Map()));
  const key = `${spoke ?? ''}@${t}`;
  if (memo.has(key)) return memo.get(key) ?? null;
  let answer: number | null = null;
  if (ledger.terminatedOn === null || t < ledger.terminatedOn) {
    const floor = expiredBy(ledger, t, spoke);
    const holding = ledger.versions.filter((version) => version.version > floor && satisfied(ledger, version.version, t, spoke)).map((version) => version.version);
    answer = holding.length === 0 ? null : Math.max(...holding);
  }
  memo.set(key, answer);
  return answer;
}

/**
 * The highest version that expired by t — was in force on its effectiveUntil, a day before t — or
 * 0: no version at or below it comes back. Each question is about an earlier date, so it ends.
 */
export function expiredBy(ledger: Ledger, t: IsoDate, spoke: string | null = null): number {
  const expired = ledger.versions
    .filter(({ version, effectiveUntil }) => effectiveUntil !== null && effectiveUntil < t && versionInForce(ledger, effectiveUntil, spoke) === version)
    .map(({ version }) => version);
  return Math.max(0, ...expired);
}

/** Every date a fact names: the only dates on which the answer can change. */
export function changeDates(ledger: Ledger): IsoDate[] {
  const dates = [
    ...ledger.decisions.map((decision) => decision.data.decidedOn),
    ...ledger.annulments.map((annulment) => annulment.data.annulledOn),
    ...ledger.reversals.map((reversal) => reversal.data.reversedOn),
    ...ledger.signatures.map((signature) => signature.data.signedOn),
    ...ledger.versions.flatMap(({ effectiveFrom }) => (effectiveFrom === null ? [] : [effectiveFrom])),
    // The first day out of term; 9999-12-31 has no day after that a date can name.
    ...ledger.versions.flatMap(({ effectiveUntil }) => (effectiveUntil === null || effectiveUntil === '9999-12-31' ? [] : [nextDay(effectiveUntil)])),
    ...(ledger.terminatedOn === null ? [] : [ledger.terminatedOn]),
  ];
  return [...new Set(dates)].sort();
}

function nextDay(date: IsoDate): IsoDate {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

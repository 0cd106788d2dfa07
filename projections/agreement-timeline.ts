import type { IsoDate } from '../src/core/agreement-events.js';
import { covers, intersect, never, SINCE_EVER, sortedUnique, type DateInterval } from './date-intervals.js';
import type { KnownAgreement, KnownVersion, PartyFacts } from './known-agreement.js';
import { approvedAndSignedDates } from './party-approval.js';
import type { VersionContent } from '../src/core/version-content.js';
import { dayAfter } from '../src/core/helsinki-date.js';
import { terminatedAsOf } from '../src/core/termination.js';

/**
 * Which version is in force on which dates, per DESIGN.md "Rules that decide in force": the
 * highest-numbered satisfied version above any that expired, nothing from a termination's
 * effectiveOn. Computed as interval sets, so the cost is in the number of facts, not of days.
 */
export type EndedBy = 'superseded' | 'annulled' | 'revoked' | 'expired' | 'terminated';

export interface InForceInterval {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  /**
   * 'annulled': an approval the version relied on was annulled that day. 'revoked': the competent
   * body's later substantive decision no longer approves (a rejection, e.g. after rectification,
   * or an approval with changes). Null while the interval is open.
   */
  readonly endedBy: EndedBy | null;
  readonly supersededBy?: number;
  /** Hub-and-spoke: the spoke whose pair with the hub the interval is of. */
  readonly partyId?: string;
}

/** The version in force changes on `on` from `previous` to `version` (null: none). */
export interface ForceChange {
  readonly on: IsoDate;
  readonly previous: number | null;
  readonly version: number | null;
  /** Why `previous` stopped being in force; null when nothing was. */
  readonly endedBy: EndedBy | null;
}

export interface ForceTimeline {
  /** In date order; before the first change nothing is in force. */
  readonly changes: readonly ForceChange[];
}

/** `inTerm(v, t)`: from effectiveFrom to effectiveUntil, both days included, each end open when unset. */
export function termDates({ effectiveFrom, effectiveUntil }: VersionContent): readonly DateInterval[] {
  return [{ from: effectiveFrom ?? SINCE_EVER, to: effectiveUntil === null ? null : dayAfter(effectiveUntil) }];
}

/**
 * Whose force a timeline follows: every party's (`null`, all-parties), or the pair of the hub and
 * one spoke (hub-and-spoke), to which the same rules apply (DESIGN.md "Hub-and-spoke").
 */
export type ForcePair = { readonly hub: string; readonly spoke: string } | null;

/** The parties of the version that must approve and sign for it to bind the pair; none when one of the pair is not a party of it. */
export function bindingParties(version: KnownVersion, pair: ForcePair): readonly PartyFacts[] {
  if (pair === null) return version.parties;
  const hub = version.parties.find((party) => party.party.partyId === pair.hub);
  const spoke = version.parties.find((party) => party.party.partyId === pair.spoke);
  return hub === undefined || spoke === undefined ? [] : [hub, spoke];
}

/** `satisfied(v, t)`: every party (of the pair) approved and signed, within the version's term. */
export function satisfiedDates(version: KnownVersion, pair: ForcePair = null): readonly DateInterval[] {
  const parties = bindingParties(version, pair);
  // A version without parties binds no one; "every party" being vacuously true would mean in force since ever.
  if (parties.length === 0) return never;
  const everyParty = parties.map(approvedAndSignedDates).reduce((dates, more) => intersect(dates, more));
  return intersect(everyParty, termDates(version.record));
}

export function forceTimeline(known: KnownAgreement, pair: ForcePair = null): ForceTimeline {
  const satisfied = known.versions.map((version) => ({ version, dates: satisfiedDates(version, pair) }));
  const boundaries = satisfied.flatMap(({ dates }) => dates.flatMap((run) => (run.to === null ? [run.from] : [run.from, run.to])));
  if (known.terminatedOn !== null) boundaries.push(known.terminatedOn);
  const highestFirst = satisfied.slice().reverse();
  const changes: ForceChange[] = [];
  let current: KnownVersion | null = null;
  // A version in force on its last day expired: neither it nor any version below it comes back.
  let expiredUpTo = 0;
  for (const on of sortedUnique(boundaries)) {
    // In force from its start until the day before `on`: past its last day, it was in force on it.
    if (current !== null && current.record.effectiveUntil !== null && current.record.effectiveUntil < on) expiredUpTo = current.record.version;
    const terminated = terminatedAsOf(known.terminatedOn, on);
    const next = terminated ? null : (highestFirst.find(({ version, dates }) => version.record.version > expiredUpTo && covers(dates, on))?.version ?? null);
    if (next === current) continue;
    const [previous, version] = [current?.record.version ?? null, next?.record.version ?? null];
    changes.push({ on, previous, version, endedBy: current === null ? null : endedBy(known, current, version, on, pair) });
    current = next;
  }
  return { changes };
}

function endedBy(known: KnownAgreement, previous: KnownVersion, next: number | null, on: IsoDate, pair: ForcePair): EndedBy {
  if (known.terminatedOn === on) return 'terminated';
  if (next !== null && next > previous.record.version) return 'superseded';
  const lastDay = previous.record.effectiveUntil;
  if (lastDay !== null && lastDay < on) return 'expired';
  // Otherwise the previous version stopped being satisfied: one of its approvals fell away today.
  const annulledToday = bindingParties(previous, pair).some((party) => party.decisions.some((decision) => decision.annulments.some((a) => a.annulledOn === on)));
  return annulledToday ? 'annulled' : 'revoked';
}

/** The version in force on `date` and the start of its current interval. */
export function inForceOn(timeline: ForceTimeline, date: IsoDate): { version: number; since: IsoDate } | null {
  const change = timeline.changes.findLast((candidate) => candidate.on <= date);
  return change === undefined || change.version === null ? null : { version: change.version, since: change.on };
}

/** A version's in-force history, read off the timeline's changes. */
export function inForceIntervals(timeline: ForceTimeline, version: number): InForceInterval[] {
  const intervals: InForceInterval[] = [];
  let from: IsoDate | null = null;
  for (const change of timeline.changes) {
    if (change.version === version) from = change.on;
    if (change.previous === version && from !== null) {
      intervals.push(closed(from, change));
      from = null;
    }
  }
  if (from !== null) intervals.push({ from, to: null, endedBy: null });
  return intervals;
}

function closed(from: IsoDate, change: ForceChange): InForceInterval {
  const interval = { from, to: change.on, endedBy: change.endedBy };
  return change.endedBy === 'superseded' && change.version !== null ? { ...interval, supersededBy: change.version } : interval;
}

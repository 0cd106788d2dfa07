import type { IsoDate } from '../src/core/agreement-events.js';
import { covers, intersect, never, onAndAfter, sortedUnique, type DateInterval } from './date-intervals.js';
import type { KnownAgreement, KnownVersion } from './known-agreement.js';
import { approvedAndSignedDates } from './party-approval.js';
import { terminatedAsOf } from '../src/core/termination.js';

/**
 * Which version is in force on which dates, per DESIGN.md "Rules that decide in force": the
 * highest-numbered satisfied version, nothing from a termination's effectiveOn. Computed as
 * interval sets, so the cost is in the number of facts, not in the number of days.
 */
export type EndedBy = 'superseded' | 'annulled' | 'revoked' | 'terminated';

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

/** `satisfied(v, t)`: every party approved and signed, and effectiveFrom reached if set. */
export function satisfiedDates(known: KnownAgreement, version: KnownVersion): readonly DateInterval[] {
  // A version without parties binds no one; "every party" being vacuously true would mean in force since ever.
  if (version.parties.length === 0) return never;
  const everyParty = version.parties.map(approvedAndSignedDates).reduce((dates, more) => intersect(dates, more));
  const effectiveFrom = known.agreement.effectiveFrom;
  return effectiveFrom === null ? everyParty : intersect(everyParty, onAndAfter(effectiveFrom));
}

export function forceTimeline(known: KnownAgreement): ForceTimeline {
  const satisfied = known.versions.map((version) => ({ version, dates: satisfiedDates(known, version) }));
  const boundaries = satisfied.flatMap(({ dates }) => dates.flatMap((run) => (run.to === null ? [run.from] : [run.from, run.to])));
  if (known.terminatedOn !== null) boundaries.push(known.terminatedOn);
  const highestFirst = satisfied.slice().reverse();
  const changes: ForceChange[] = [];
  let current: number | null = null;
  for (const on of sortedUnique(boundaries)) {
    const terminated = terminatedAsOf(known.terminatedOn, on);
    const version = terminated ? null : (highestFirst.find(({ dates }) => covers(dates, on))?.version.record.version ?? null);
    if (version === current) continue;
    changes.push({ on, previous: current, version, endedBy: current === null ? null : endedBy(known, current, version, on) });
    current = version;
  }
  return { changes };
}

function endedBy(known: KnownAgreement, previous: number, next: number | null, on: IsoDate): EndedBy {
  if (known.terminatedOn === on) return 'terminated';
  if (next !== null && next > previous) return 'superseded';
  // Otherwise the previous version stopped being satisfied: one of its approvals fell away today.
  const version = known.versions.find((candidate) => candidate.record.version === previous);
  const annulledToday = version?.parties.some((party) => party.decisions.some((decision) => decision.annulledOn === on));
  return annulledToday === true ? 'annulled' : 'revoked';
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

import type { IsoDate } from '../src/core/agreement-events.js';
import { covers, whereHolds } from './date-intervals.js';
import { forceTimeline, inForceIntervals, inForceOn, type ForceTimeline, type InForceInterval } from './agreement-timeline.js';
import type { KnownAgreement } from './known-agreement.js';

/**
 * What is in force under the agreement's force rule: one timeline for all parties, or one per
 * spoke for the pair of the hub and that spoke (DESIGN.md "Hub-and-spoke"). Every answer about
 * force (Status, Version, summaries, transitions) reads it here, so the rule is applied once.
 */
export interface AgreementForce {
  /** The hub, for hub-and-spoke; null for all-parties. */
  readonly hub: string | null;
  /** All-parties: one timeline with `spoke: null`. Hub-and-spoke: one per spoke, in order of first appearance. */
  readonly timelines: readonly SpokeTimeline[];
}

export interface SpokeTimeline {
  readonly spoke: string | null;
  readonly timeline: ForceTimeline;
}

/** A spoke bound at asOf: the version in force between it and the hub, since the start of that interval. */
export interface BoundParty {
  readonly partyId: string;
  readonly version: number;
  readonly since: IsoDate;
}

export function agreementForce(known: KnownAgreement): AgreementForce {
  const rule = known.agreement.forceRule;
  if (rule.kind === 'all-parties') return { hub: null, timelines: [{ spoke: null, timeline: forceTimeline(known) }] };
  const { hub } = rule;
  // A spoke removed by an amendment may still be bound by an older version, so every version's parties.
  const spokes = [...new Set(known.versions.flatMap((version) => version.record.parties.map((party) => party.partyId)))].filter((id) => id !== hub);
  return { hub, timelines: spokes.map((spoke) => ({ spoke, timeline: forceTimeline(known, { hub, spoke }) })) };
}

/** Hub-and-spoke: the spokes bound at asOf, in order of first appearance; all-parties: null. */
export function boundParties(force: AgreementForce, asOf: IsoDate): BoundParty[] | null {
  if (force.hub === null) return null;
  return force.timelines.flatMap(({ spoke, timeline }) => {
    const bound = inForceOn(timeline, asOf);
    return bound === null || spoke === null ? [] : [{ partyId: spoke, version: bound.version, since: bound.since }];
  });
}

/**
 * The version in force at asOf and since when. Hub-and-spoke: the highest version binding a spoke,
 * since when some spoke has been bound without a break.
 */
export function inForceAt(force: AgreementForce, asOf: IsoDate): { version: number; since: IsoDate } | null {
  if (force.hub === null) return inForceOn(force.timelines[0]!.timeline, asOf);
  const bound = boundParties(force, asOf) ?? [];
  if (bound.length === 0) return null;
  const someBound = whereHolds(changeDates(force), (date) => force.timelines.some(({ timeline }) => inForceOn(timeline, date) !== null));
  const run = someBound.find((candidate) => covers([candidate], asOf))!;
  return { version: Math.max(...bound.map((party) => party.version)), since: run.from };
}

/** Whether the version is in force at asOf (hub-and-spoke: for some spoke). */
export function isInForceOn(force: AgreementForce, version: number, asOf: IsoDate): boolean {
  return force.timelines.some(({ timeline }) => inForceOn(timeline, asOf)?.version === version);
}

/** A version's in-force history: hub-and-spoke intervals carry their spoke, ordered by start, then spoke. */
export function intervalsOf(force: AgreementForce, version: number): InForceInterval[] {
  const intervals = force.timelines.flatMap(({ spoke, timeline }) =>
    inForceIntervals(timeline, version).map((interval) => (spoke === null ? interval : { ...interval, partyId: spoke })),
  );
  return intervals.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** Every date on which what is in force changes, for any spoke. */
export function changeDates(force: AgreementForce): IsoDate[] {
  return force.timelines.flatMap(({ timeline }) => timeline.changes.map((change) => change.on));
}

import type { IsoDate } from '../src/core/agreement-events.js';
import type { AgreementProjection } from './agreement-projection.js';
import { agreementForce } from './agreement-force.js';
import type { ForceTimeline } from './agreement-timeline.js';
import { knownAgreement } from './known-agreement.js';

/**
 * A change of what is in force, for the webhooks `agreement.<type>`. `scheduled`: effectiveOn is
 * after asOf, so the change is known but not yet effective (a termination, an effectiveFrom or the
 * end of a term in the future); no later event would ever announce it, so it is announced now.
 *
 * Hub-and-spoke: each transition is of one spoke's pair with the hub and carries the spoke's
 * `partyId`: `entered_into_force` when a version begins to bind the hub and that spoke, `left_force`
 * / `superseded` / `expired` / `terminated` when it stops binding them. Other spokes' force is
 * untouched, so "the agreement left force" is never announced as such; a termination of an
 * agreement binding no spoke is announced once, without a partyId.
 */
export type ForceTransition = (
  | { readonly type: 'entered_into_force'; readonly version: number; readonly effectiveOn: IsoDate; readonly scheduled: boolean }
  | {
      readonly type: 'superseded';
      readonly version: number;
      readonly supersededBy: number;
      readonly effectiveOn: IsoDate;
      readonly scheduled: boolean;
    }
  | {
      readonly type: 'left_force';
      readonly version: number;
      readonly reason: 'annulled' | 'revoked';
      readonly effectiveOn: IsoDate;
      readonly scheduled: boolean;
    }
  /** The version in force passed its effectiveUntil; effectiveOn is the first day after its term. */
  | { readonly type: 'expired'; readonly version: number; readonly effectiveOn: IsoDate; readonly scheduled: boolean }
  /** `version`: the version the termination ended, null when none was in force. */
  | { readonly type: 'terminated'; readonly version: number | null; readonly effectiveOn: IsoDate; readonly scheduled: boolean }
) & { readonly partyId?: string };

/**
 * The transitions one event caused: those in the whole known timeline after it that were not in
 * the timeline before it. Dates are not limited to asOf, because a late-recorded fact changes the
 * past and a termination can be dated ahead. A fact that moves a date (a late signature that makes
 * the entry earlier) announces the transition again with its corrected effectiveOn.
 */
export function forceTransitions(before: AgreementProjection, after: AgreementProjection, asOf: IsoDate): ForceTransition[] {
  const announced = new Set(transitionsOf(before, asOf).map((transition) => JSON.stringify(transition)));
  return transitionsOf(after, asOf).filter((transition) => !announced.has(JSON.stringify(transition)));
}

/** Every transition of an agreement's known timeline, in date order, ends before starts. */
export function transitionsOf(state: AgreementProjection, asOf: IsoDate): ForceTransition[] {
  const known = knownAgreement(state);
  if (known === null) return [];
  const scheduled = (effectiveOn: IsoDate): boolean => effectiveOn > asOf;
  const transitions: ForceTransition[] = [];
  for (const { spoke, timeline } of agreementForce(known).timelines) {
    transitions.push(...timelineTransitions(timeline, spoke, scheduled));
  }
  const terminatedOn = known.terminatedOn;
  if (terminatedOn !== null && !transitions.some((transition) => transition.type === 'terminated')) {
    // Terminating an agreement that was not in force is still a termination subscribers care about.
    transitions.push({ type: 'terminated', version: null, effectiveOn: terminatedOn, scheduled: scheduled(terminatedOn) });
  }
  // Stable: within a day, ends before starts and spokes in their order.
  return transitions.sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
}

function timelineTransitions(timeline: ForceTimeline, spoke: string | null, scheduled: (effectiveOn: IsoDate) => boolean): ForceTransition[] {
  const transitions: ForceTransition[] = [];
  for (const { on, previous, version, endedBy } of timeline.changes) {
    const effective = { effectiveOn: on, scheduled: scheduled(on), ...(spoke !== null && { partyId: spoke }) };
    if (previous !== null && endedBy === 'terminated') transitions.push({ type: 'terminated', version: previous, ...effective });
    if (previous !== null && endedBy === 'superseded' && version !== null) {
      transitions.push({ type: 'superseded', version: previous, supersededBy: version, ...effective });
    }
    if (previous !== null && endedBy === 'expired') transitions.push({ type: 'expired', version: previous, ...effective });
    if (previous !== null && (endedBy === 'annulled' || endedBy === 'revoked')) {
      transitions.push({ type: 'left_force', version: previous, reason: endedBy, ...effective });
    }
    if (version !== null) transitions.push({ type: 'entered_into_force', version, ...effective });
  }
  return transitions;
}

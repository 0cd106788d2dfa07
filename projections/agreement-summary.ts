import type { AgreementKind, IsoDate } from '../src/core/agreement-events.js';
import type { AgreementProjection } from './agreement-projection.js';
import { forceTimeline, inForceOn } from './agreement-timeline.js';
import { knownAgreement } from './known-agreement.js';
import type { AsOfQuery } from './recorded-event.js';
import { terminatedAsOf } from '../src/core/termination.js';

/** API.md `AgreementSummary`: one row of `GET /api/agreements`. */
export interface AgreementSummary {
  readonly agreementId: string;
  readonly title: string;
  readonly region: string;
  readonly kind: AgreementKind;
  readonly status: 'in-force' | 'pending' | 'terminated';
  readonly inForceVersion: number | null;
  readonly inForceSince: IsoDate | null;
  readonly latestVersion: number;
  /**
   * Everyone who is or was a party of any version, in order of first appearance: a party removed
   * by a pending amendment is still bound by the version in force, so it must still find it.
   */
  readonly parties: readonly string[];
}

export function agreementSummary(state: AgreementProjection, query: AsOfQuery): AgreementSummary | null {
  const known = knownAgreement(state, query.knownAt);
  if (known === null) return null;
  const inForce = inForceOn(forceTimeline(known), query.asOf);
  const terminated = terminatedAsOf(known.terminatedOn, query.asOf);
  const parties = new Set(known.versions.flatMap((version) => version.record.parties.map((party) => party.partyId)));
  return {
    agreementId: known.agreement.agreementId,
    title: known.agreement.title,
    region: known.agreement.region,
    kind: known.agreement.kind,
    status: terminated ? 'terminated' : inForce !== null ? 'in-force' : 'pending',
    inForceVersion: inForce?.version ?? null,
    inForceSince: inForce?.since ?? null,
    latestVersion: known.versions[known.versions.length - 1].record.version,
    parties: [...parties],
  };
}

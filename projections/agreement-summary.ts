import type { AgreementKind, IsoDate } from '../src/core/agreement-events.js';
import type { AgreementProjection } from './agreement-projection.js';
import { agreementForce, changeDates, inForceAt } from './agreement-force.js';
import { knownAgreement } from './known-agreement.js';
import type { AsOfQuery } from './recorded-event.js';
import { versionState } from './versions.js';
import { dayAfter } from '../src/core/helsinki-date.js';
import { terminatedAsOf } from '../src/core/termination.js';

/** API.md `AgreementSummary`: one row of `GET /api/agreements`. */
export interface AgreementSummary {
  readonly agreementId: string;
  readonly title: string;
  readonly region: string;
  readonly kind: AgreementKind;
  /** 'expired': nothing is in force and the latest version's term has ended. */
  readonly status: 'in-force' | 'pending' | 'expired' | 'terminated';
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
  const force = agreementForce(known);
  // Hub-and-spoke: in force while some spoke is bound.
  const inForce = inForceAt(force, query.asOf);
  const latest = known.versions[known.versions.length - 1];
  const parties = new Set(known.versions.flatMap((version) => version.record.parties.map((party) => party.partyId)));
  return {
    agreementId: known.agreement.agreementId,
    title: known.agreement.title,
    region: known.agreement.region,
    kind: known.agreement.kind,
    status: terminatedAsOf(known.terminatedOn, query.asOf)
      ? 'terminated'
      : inForce !== null
        ? 'in-force'
        : versionState(known, force, latest, query.asOf) === 'expired'
          ? 'expired'
          : 'pending',
    inForceVersion: inForce?.version ?? null,
    inForceSince: inForce?.since ?? null,
    latestVersion: latest.record.version,
    parties: [...parties],
  };
}

/**
 * The first date after `asOf` on which the summary can read differently without a new event: a
 * change of force the timeline already holds (a future effectiveFrom, the day after an
 * effectiveUntil, a termination's effectiveOn), or the end of the latest version's term. The
 * decider refuses decisions, annulments and signatures dated ahead, so no other date lies ahead.
 */
export function nextSummaryChange(state: AgreementProjection, asOf: IsoDate): IsoDate | null {
  const known = knownAgreement(state);
  if (known === null) return null;
  const lastDay = known.versions[known.versions.length - 1].record.effectiveUntil;
  const dates = [
    ...changeDates(agreementForce(known)),
    known.terminatedOn,
    lastDay === null ? null : dayAfter(lastDay),
  ];
  const ahead = dates.filter((date): date is IsoDate => date !== null && date > asOf).sort();
  return ahead[0] ?? null;
}

import type { IsoDate, SignatureMethod } from '../src/core/agreement-events.js';
import type { AgreementProjection } from './agreement-projection.js';
import { agreementForce, boundParties, inForceAt, type AgreementForce, type BoundParty } from './agreement-force.js';
import { bindingParties } from './agreement-timeline.js';
import { knownAgreement, type KnownAgreement, type KnownVersion } from './known-agreement.js';
import { finalSince, partyFinality } from './decision-finality.js';
import { approvalState, isSigned, type ApprovalState } from './party-approval.js';
import type { AsOfQuery, KnownAt } from './recorded-event.js';
import { versionState, type VersionState } from './versions.js';
import { terminationAsOf } from '../src/core/termination.js';

/** API.md `Status`, plus `knownAtRevision`: the last stream revision the answer rests on. */
export interface Status {
  readonly agreementId: string;
  readonly inForce: boolean;
  readonly inForceVersion: number | null;
  /** The start of the current in-force interval: after an annulment handed force back, that date. */
  readonly inForceSince: IsoDate | null;
  readonly latestVersion: number;
  readonly latestVersionState: VersionState;
  /** The termination's effectiveOn once it is reached on asOf; a future one shows in the versions' intervals. */
  readonly terminatedOn: IsoDate | null;
  /** From when every counting approval of the version in force has been final (DESIGN.md "Finality"); null until then. */
  readonly finalSince: IsoDate | null;
  /** Hub-and-spoke: the spokes bound at asOf, each with the version binding it and since when; all-parties: null. */
  readonly boundParties: readonly BoundParty[] | null;
  readonly asOf: IsoDate;
  readonly knownAt: string;
  readonly knownAtRevision: number;
  /** Every party of the latest version, in the version's party order, done or not. */
  readonly pending: readonly PartyProgress[];
}

export interface PartyProgress {
  readonly partyId: string;
  readonly name: string;
  readonly approval: ApprovalState;
  readonly signature: 'missing' | 'signed';
  /** Everyone who had signed for the party by asOf, by signedOn, then log order. */
  readonly signatories: readonly SignatoryOfParty[];
  /** Of its counting decision on the latest version (decision-finality.ts). */
  readonly final: boolean;
  readonly appealableUntil: IsoDate | null;
  readonly appealPending: boolean;
}

export interface SignatoryOfParty {
  readonly name: string;
  readonly title: string;
  readonly signedOn: IsoDate;
  readonly method: SignatureMethod;
}

/** Null when the agreement was not yet known at knownAt. */
export function status(state: AgreementProjection, query: AsOfQuery): Status | null {
  const known = knownAgreement(state, query.knownAt);
  if (known === null) return null;
  const { asOf } = query;
  const force = agreementForce(known);
  const inForce = inForceAt(force, asOf);
  const bound = boundParties(force, asOf);
  const latest = known.versions[known.versions.length - 1];
  return {
    agreementId: known.agreement.agreementId,
    inForce: inForce !== null,
    inForceVersion: inForce?.version ?? null,
    inForceSince: inForce?.since ?? null,
    latestVersion: latest.record.version,
    latestVersionState: versionState(known, force, latest, asOf),
    terminatedOn: terminationAsOf(known.terminatedOn, asOf),
    finalSince: inForce === null ? null : agreementFinalSince(known, force, bound, inForce.version, asOf),
    boundParties: bound,
    asOf,
    knownAt: answeredKnownAt(known, query.knownAt),
    knownAtRevision: known.last.revision,
    pending: latest.parties.map((party) => ({
      partyId: party.party.partyId,
      name: party.party.name,
      approval: approvalState(party, asOf),
      signature: isSigned(party, asOf) ? 'signed' : 'missing',
      signatories: party.signatures
        .filter(({ data }) => data.signedOn <= asOf)
        .map(({ data }) => ({ name: data.signatory.name, title: data.signatory.title, signedOn: data.signedOn, method: data.method })),
      ...partyFinality(party, asOf),
    })),
  };
}

/**
 * The latest day a counting approval of the version in force became final, if every one is final
 * at asOf; hub-and-spoke: the hub's and each bound spoke's approval of the version binding it.
 */
function agreementFinalSince(known: KnownAgreement, force: AgreementForce, bound: readonly BoundParty[] | null, inForce: number, asOf: IsoDate): IsoDate | null {
  const versionOf = (number: number): KnownVersion => known.versions[number - 1]!;
  if (force.hub === null || bound === null) return partiesFinalSince(versionOf(inForce).parties, asOf);
  const { hub } = force;
  return partiesFinalSince(bound.flatMap(({ partyId, version }) => bindingParties(versionOf(version), { hub, spoke: partyId })), asOf);
}

function partiesFinalSince(parties: readonly KnownVersion['parties'][number][], asOf: IsoDate): IsoDate | null {
  let since: IsoDate | null = null;
  for (const party of parties) {
    const partySince = finalSince(party, asOf);
    if (partySince === null) return null;
    if (since === null || partySince > since) since = partySince;
  }
  return since;
}

/** The instant asked about, or else the recording time of the last event the answer rests on. */
export function answeredKnownAt(known: KnownAgreement, knownAt: KnownAt | undefined): string {
  return knownAt?.recordedAt ?? known.last.recordedAt;
}

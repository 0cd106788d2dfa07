import type {
  AgreementSigned,
  AppealOutcome,
  AmendmentChange,
  Annex,
  DecisionRecorded,
  DocumentRef,
  IsoDate,
  JointBody,
  Obligation,
  Party,
} from '../src/core/agreement-events.js';
import type { AgreementProjection } from './agreement-projection.js';
import type { InForceInterval } from './agreement-timeline.js';
import { agreementForce, inForceAt, intervalsOf, isInForceOn, type AgreementForce } from './agreement-force.js';
import { knownAgreement, type KnownAgreement, type KnownDecision, type KnownVersion } from './known-agreement.js';
import { countingDecision } from './party-approval.js';
import type { AsOfQuery } from './recorded-event.js';
import { terminatedAsOf } from '../src/core/termination.js';
import { decisionMaker } from '../src/core/party-bodies.js';

export type VersionState = 'pending' | 'in-force' | 'superseded' | 'expired' | 'rejected' | 'terminated';

/**
 * API.md `Version`. The record (content, decisions, signatures, in-force history) is everything
 * known at knownAt, including facts dated after asOf; `state` and `counts` are judged on asOf.
 */
export interface Version {
  readonly version: number;
  readonly basedOn: number | null;
  readonly createdAt: string;
  /** Null for version 1: a draft has no amendment summary. */
  readonly summary: string | null;
  readonly document: DocumentRef;
  readonly annexes: readonly Annex[];
  readonly parties: readonly Party[];
  readonly jointBodies: readonly JointBody[];
  /** The version's term: its first and last day in force; null leaves that end open. */
  readonly effectiveFrom: IsoDate | null;
  readonly effectiveUntil: IsoDate | null;
  /** The duties the version puts on its parties (DESIGN.md "Obligation"). */
  readonly obligations: readonly Obligation[];
  readonly changes: readonly AmendmentChange[];
  readonly decisions: readonly VersionDecision[];
  readonly signatures: readonly VersionSignature[];
  readonly state: VersionState;
  readonly inForce: readonly InForceInterval[];
}

export interface VersionDecision {
  /** The eventId of its DecisionRecorded: what an annulment names. */
  readonly decisionId: string;
  /** Null for a joint body's decision, which names the joint body in `jointBody` and `body`. */
  readonly partyId: string | null;
  readonly jointBody: string | null;
  readonly body: string;
  readonly outcome: DecisionRecorded['data']['outcome'];
  readonly decidedOn: IsoDate;
  readonly meeting: DecisionRecorded['data']['meeting'];
  /**
   * True for the one decision per party that decides its approval on asOf: the latest (by
   * decidedOn, then log order) of its competent body's substantive decisions (approved,
   * approved-amended, rejected) decided on or before asOf and not annulled on or before asOf.
   * Earlier decisions it replaced, procedural ones, other bodies' decisions, annulled and
   * future-dated ones are false.
   */
  readonly counts: boolean;
  /**
   * Its latest known annulment (log order), even if dated after asOf: its date, its eventId (what
   * a reversal names) and the date its known reversal made the decision count again; all null
   * when none is known.
   */
  readonly annulledOn: IsoDate | null;
  readonly annulmentId: string | null;
  readonly reversedOn: IsoDate | null;
  /** Every known appeal on it, in log order, each with its known resolution (null while none). */
  readonly appeals: readonly VersionAppeal[];
}

export interface VersionAppeal {
  readonly appealId: string;
  readonly lodgedOn: IsoDate;
  readonly authority: string;
  readonly caseNumber?: string;
  readonly resolvedOn: IsoDate | null;
  readonly outcome: AppealOutcome | null;
}

export interface VersionSignature {
  readonly partyId: string;
  readonly signatory: AgreementSigned['data']['signatory'];
  readonly signedOn: IsoDate;
  readonly method: AgreementSigned['data']['method'];
}

/** The version history in version order; null when the agreement was not known at knownAt. */
export function versions(state: AgreementProjection, query: AsOfQuery): Version[] | null {
  const known = knownAgreement(state, query.knownAt);
  if (known === null) return null;
  const force = agreementForce(known);
  return known.versions.map((version) => versionView(known, force, version, query.asOf));
}

export function version(state: AgreementProjection, number: number, query: AsOfQuery): Version | null {
  return versions(state, query)?.find((candidate) => candidate.version === number) ?? null;
}

/**
 * API.md's precedence: terminated, in force (hub-and-spoke: for some spoke), superseded by a
 * higher version in force, expired (its effectiveUntil has passed, whether or not it was ever in
 * force), rejected, pending.
 */
export function versionState(known: KnownAgreement, force: AgreementForce, version: KnownVersion, asOf: IsoDate): VersionState {
  if (terminatedAsOf(known.terminatedOn, asOf)) return 'terminated';
  if (isInForceOn(force, version.record.version, asOf)) return 'in-force';
  const inForce = inForceAt(force, asOf)?.version;
  if (inForce !== undefined && inForce > version.record.version) return 'superseded';
  if (version.record.effectiveUntil !== null && version.record.effectiveUntil < asOf) return 'expired';
  return isRejected(force, version, asOf) ? 'rejected' : 'pending';
}

/** A competent body rejected it; hub-and-spoke: the hub, or every spoke, since one spoke's rejection touches no other. */
function isRejected(force: AgreementForce, version: KnownVersion, asOf: IsoDate): boolean {
  const rejects = (party: KnownVersion['parties'][number]): boolean => countingDecision(party, asOf)?.data.outcome === 'rejected';
  if (force.hub === null) return version.parties.some(rejects);
  const hub = version.parties.find((party) => party.party.partyId === force.hub);
  const spokes = version.parties.filter((party) => party !== hub);
  return (hub !== undefined && rejects(hub)) || (spokes.length > 0 && spokes.every(rejects));
}

function versionView(known: KnownAgreement, force: AgreementForce, version: KnownVersion, asOf: IsoDate): Version {
  const { record } = version;
  const counting = new Set(version.parties.map((party) => countingDecision(party, asOf)));
  return {
    version: record.version,
    basedOn: record.basedOn,
    createdAt: record.created.recordedAt,
    summary: record.summary,
    document: record.document,
    annexes: record.annexes,
    parties: record.parties,
    jointBodies: record.jointBodies,
    effectiveFrom: record.effectiveFrom,
    effectiveUntil: record.effectiveUntil,
    obligations: record.obligations,
    changes: record.changes,
    decisions: version.decisions.map((decision) => ({
      decisionId: decision.eventId,
      ...decisionMaker(decision.data),
      outcome: decision.data.outcome,
      decidedOn: decision.data.decidedOn,
      meeting: decision.data.meeting,
      counts: counting.has(decision),
      ...latestAnnulment(decision),
      appeals: decision.appeals,
    })),
    signatures: version.signatures.map(({ data }) => ({
      partyId: data.partyId,
      signatory: data.signatory,
      signedOn: data.signedOn,
      method: data.method,
    })),
    state: versionState(known, force, version, asOf),
    inForce: intervalsOf(force, record.version),
  };
}

function latestAnnulment({ annulments }: KnownDecision): Pick<VersionDecision, 'annulledOn' | 'annulmentId' | 'reversedOn'> {
  const latest = annulments[annulments.length - 1];
  return { annulledOn: latest?.annulledOn ?? null, annulmentId: latest?.annulmentId ?? null, reversedOn: latest?.reversedOn ?? null };
}

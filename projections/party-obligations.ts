import type { AgreementProjection } from './agreement-projection.js';
import { knownAgreement } from './known-agreement.js';
import { approvalState, isApproved, isSigned } from './party-approval.js';
import type { AsOfQuery } from './recorded-event.js';
import { terminatedAsOf } from '../src/core/termination.js';

/** API.md `GET /api/parties/:partyId/pending`: what the party still has to do for the latest version. */
export interface PartyObligation {
  readonly agreementId: string;
  readonly title: string;
  readonly version: number;
  readonly missing: readonly ('approval' | 'signature')[];
}

/**
 * The party's obligation in one agreement on asOf, or null when it has none: it is not a party
 * of the latest version, has approved and signed it, the latest version's term has ended (there
 * is nothing left to bring into force), or the agreement is terminated by asOf. In a hub-and-spoke
 * agreement a spoke whose competent body rejected the latest version has answered: its rejection
 * binds no one else and holds nothing up, so it is not asked again (the hub always is).
 */
export function partyObligation(state: AgreementProjection, partyId: string, query: AsOfQuery): PartyObligation | null {
  const known = knownAgreement(state, query.knownAt);
  if (known === null || terminatedAsOf(known.terminatedOn, query.asOf)) return null;
  const latest = known.versions[known.versions.length - 1];
  if (latest.record.effectiveUntil !== null && latest.record.effectiveUntil < query.asOf) return null;
  const party = latest.parties.find((candidate) => candidate.party.partyId === partyId);
  if (party === undefined) return null;
  const { forceRule } = known.agreement;
  if (forceRule.kind === 'hub-and-spoke' && partyId !== forceRule.hub && approvalState(party, query.asOf) === 'rejected') return null;
  const missing: ('approval' | 'signature')[] = [];
  if (!isApproved(party, query.asOf)) missing.push('approval');
  if (!isSigned(party, query.asOf)) missing.push('signature');
  if (missing.length === 0) return null;
  return { agreementId: known.agreement.agreementId, title: known.agreement.title, version: latest.record.version, missing };
}

export function partyObligations(
  agreements: Iterable<AgreementProjection>,
  partyId: string,
  query: AsOfQuery,
): PartyObligation[] {
  const obligations: PartyObligation[] = [];
  for (const state of agreements) {
    const obligation = partyObligation(state, partyId, query);
    if (obligation !== null) obligations.push(obligation);
  }
  return obligations;
}

import { canActFor, canAdminister, canSee, type AgreementScope } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ActionForbidden, AgreementNotVisible } from './application-errors.js';
import { findDecision, type AgreementState, type ExistingAgreement } from './domain/agreement-state.js';
import { normalisePartyId } from '../core/party-id.js';

/** Parties of every version: a party that was ever part of the agreement keeps seeing it. */
export function scopeOf(agreement: ExistingAgreement): AgreementScope {
  return { region: agreement.region, partyIds: [...new Set(agreement.versions.flatMap((v) => v.parties.map((p) => p.partyId)))] };
}

/** An agreement the caller may not see is answered exactly as one that does not exist. */
export function requireVisible(agreementId: string, state: AgreementState, principal: Principal): ExistingAgreement {
  if (state.status === 'none' || !canSee(principal, scopeOf(state))) {
    throw new AgreementNotVisible(agreementId);
  }
  return state;
}

export function requireAdministrator(agreementId: string) {
  return (state: AgreementState, principal: Principal): void => {
    const agreement = requireVisible(agreementId, state, principal);
    if (!canAdminister(principal, agreement)) throw new ActionForbidden('only the regional administration may do this');
  };
}

export function requireActingFor(agreementId: string, partyId: string) {
  return (state: AgreementState, principal: Principal): void => {
    const agreement = requireVisible(agreementId, state, principal);
    const party = normalisePartyId(partyId) ?? partyId;
    if (!canActFor(principal, scopeOf(agreement), party)) {
      throw new ActionForbidden(
        principal.role === 'clerk' ? `a clerk of ${principal.partyId} records only for that party` : 'you may not record for this party',
      );
    }
  };
}

/**
 * Who may record a decision: for a party's body, that party (its clerk or an admin); for a joint
 * body, which belongs to no party, the regional administration. A body naming neither is left to
 * the decider, which refuses it (422).
 */
export function requireRecorderOf(agreementId: string, maker: { readonly partyId?: string | null; readonly jointBody?: string | null }) {
  if (maker.jointBody !== undefined && maker.jointBody !== null) return requireAdministrator(agreementId);
  if (maker.partyId !== undefined && maker.partyId !== null) return requireActingFor(agreementId, maker.partyId);
  return (state: AgreementState, principal: Principal): void => void requireVisible(agreementId, state, principal);
}

/**
 * For whoever may record the decision: its party, or for a joint body's decision the regional
 * administration. A decision the agreement does not have is left to the decider, which refuses
 * it (422) for every caller who may see the agreement.
 */
export function requireActingForDecision(agreementId: string, decisionId: string) {
  return (state: AgreementState, principal: Principal): void => {
    const agreement = requireVisible(agreementId, state, principal);
    const decision = findDecision(agreement, decisionId)?.decision;
    if (decision !== undefined) requireRecorderOf(agreementId, { partyId: decision.partyId, jointBody: decision.partyId === null ? decision.body : null })(state, principal);
  };
}

/** For the party whose decision the appeal is against; an unknown appeal is the decider's 404. */
export function requireActingForAppeal(agreementId: string, appealId: string) {
  return (state: AgreementState, principal: Principal): void => {
    const agreement = requireVisible(agreementId, state, principal);
    const appeal = agreement.appeals.find((a) => a.appealId === appealId);
    if (appeal !== undefined) requireActingForDecision(agreementId, appeal.decisionId)(state, principal);
  };
}

/** For the party whose decision the annulment annulled; an unknown annulment is the decider's 404. */
export function requireActingForAnnulment(agreementId: string, annulmentId: string) {
  return (state: AgreementState, principal: Principal): void => {
    const agreement = requireVisible(agreementId, state, principal);
    const annulment = agreement.annulments.find((a) => a.annulmentId === annulmentId);
    if (annulment !== undefined) requireActingForDecision(agreementId, annulment.decisionId)(state, principal);
  };
}

/**
 * For one of the parties a fulfilment names: an admin of the region, or the clerk of a party it
 * names (a meeting is recorded by either side of it).
 */
export function requireActingForOneOf(agreementId: string, partyIds: readonly string[]) {
  return (state: AgreementState, principal: Principal): void => {
    const agreement = requireVisible(agreementId, state, principal);
    const scope = scopeOf(agreement);
    if (!partyIds.some((partyId) => canActFor(principal, scope, normalisePartyId(partyId) ?? partyId))) {
      throw new ActionForbidden(principal.role === 'clerk' ? `a clerk of ${principal.partyId} records only meetings its party took part in` : 'you may not record for these parties');
    }
  };
}

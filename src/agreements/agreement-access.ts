import { canActFor, canAdminister, canSee, type AgreementScope } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ActionForbidden, AgreementNotVisible } from './application-errors.js';
import type { AgreementState, ExistingAgreement } from './domain/agreement-state.js';
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

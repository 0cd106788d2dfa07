import type { Principal } from './principal.js';

/** What access to one agreement depends on. */
export interface AgreementScope {
  readonly region: string;
  /** Parties of any version: a clerk keeps seeing an agreement its party was ever part of. */
  readonly partyIds: readonly string[];
}

/**
 * Object-level rules, pure so they are tested as rules. Controllers call them after loading the
 * agreement; an agreement a caller may not see is answered as if it did not exist.
 */
export function canSee(principal: Pick<Principal, 'role' | 'partyId' | 'region'>, scope: AgreementScope): boolean {
  switch (principal.role) {
    case 'auditor':
      return true;
    case 'admin':
      return inRegion(principal, scope.region);
    case 'clerk':
      return principal.partyId !== undefined && scope.partyIds.includes(principal.partyId);
  }
}

/** Draft, amend, terminate: regional administration only, inside its region. */
export function canAdminister(principal: Principal, scope: { readonly region: string }): boolean {
  return principal.role === 'admin' && inRegion(principal, scope.region);
}

/** Record a decision, annulment or signature for `partyId`: the party's own clerk, or an admin of the region. */
export function canActFor(principal: Principal, scope: AgreementScope, partyId: string): boolean {
  if (principal.role === 'admin') return inRegion(principal, scope.region);
  if (principal.role === 'clerk') return principal.partyId === partyId && scope.partyIds.includes(partyId);
  return false;
}

function inRegion(principal: Pick<Principal, 'region'>, region: string): boolean {
  return principal.region === undefined || principal.region === region;
}

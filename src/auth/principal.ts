export const ROLES = ['admin', 'clerk', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling. `name` becomes the `actor` of every event the principal causes.
 * A clerk is bound to one party; an admin may be limited to one region.
 */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly partyId?: string;
  readonly region?: string;
  readonly authenticatedBy: 'ledger-token' | 'oidc';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

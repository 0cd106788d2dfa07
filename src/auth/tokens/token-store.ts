import type { Principal, Role } from '../principal.js';

export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly partyId?: string;
  readonly region?: string;
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly expiresAt?: string;
  readonly revokedAt?: string;
}

export interface NewToken {
  readonly name: string;
  readonly role: Role;
  readonly partyId?: string;
  readonly region?: string;
  readonly expiresAt?: string;
}

/** The embedded store answers at once; a server store answers over the network. */
export type Awaitable<T> = T | Promise<T>;

/**
 * Where ledger tokens live: `state.sqlite` beside the embedded log (LedgerTokenStore), or the
 * PostgreSQL store's database, shared by every instance (PostgresTokenStore), so a token made or
 * revoked through one instance holds on all of them at the next request.
 */
export interface TokenStore {
  create(spec: NewToken): Awaitable<{ token: string; record: TokenRecord }>;
  /** Creates the first admin token when there is none, once per store however many instances start together. */
  createFirstAdminIfNone(name: string): Awaitable<{ token: string; record: TokenRecord } | undefined>;
  list(): Awaitable<TokenRecord[]>;
  get(id: string): Awaitable<TokenRecord | undefined>;
  revoke(id: string): Awaitable<boolean>;
  authenticate(token: string): Awaitable<Principal | undefined>;
}

/** Injection token for the token store (an interface has no runtime token of its own). */
export const TOKEN_STORE = Symbol('TokenStore');

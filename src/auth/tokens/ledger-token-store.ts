import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal, Role } from '../principal.js';
import type { NewToken, TokenRecord, TokenStore } from './token-store.js';

export type { NewToken, TokenRecord };

/** `ldg_` + 256 random bits, base64url. The prefix lets secret scanners and our parser spot it. */
const TOKEN_PREFIX = 'ldg_';
export const TOKEN_PATTERN = /^ldg_[A-Za-z0-9_-]{43}$/;
/** Writing last-used time on every request would turn reads into writes; once a minute is enough. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/**
 * How long a token's row, once read, answers for it without reading it again: a revocation or a
 * change made by another process (the `ledger` CLI, another instance) takes effect within this.
 */
export const TOKEN_RECHECK_MS = 1000;
/** Tokens remembered at most; past it the memory starts over (one read each). */
const CACHE_LIMIT = 10_000;

/** A token as both stores keep it. */
export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  party_id: string | null;
  region: string | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

interface Cached {
  readonly row: TokenRow;
  readonly readAt: number;
}

export function looksLikeLedgerToken(credential: string): boolean {
  return credential.startsWith(TOKEN_PREFIX);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Ledger tokens: shown once at creation, stored only as SHA-256, revocable at once. Their table is state.sqlite's (state-schema.ts). */
export class LedgerTokenStore implements TokenStore {
  /** By secret hash: the row as last read, so a busy caller costs one read a second, not one a request. */
  private readonly recent = new Map<string, Cached>();
  private readonly bySecretHash: Database.Statement<[string], TokenRow>;
  private readonly touch: Database.Statement<[string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.bySecretHash = db.prepare('SELECT * FROM ledger_tokens WHERE secret_hash = ?');
    this.touch = db.prepare('UPDATE ledger_tokens SET last_used_at = ? WHERE id = ?');
  }

  create(spec: NewToken): { token: string; record: TokenRecord } {
    const token = newToken();
    const id = `tok_${randomBytes(8).toString('hex')}`;
    const createdAt = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO ledger_tokens (id, secret_hash, name, role, party_id, region, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, hashToken(token), spec.name, spec.role, spec.partyId ?? null, spec.region ?? null, createdAt, spec.expiresAt ?? null);
    return { token, record: this.get(id)! };
  }

  /**
   * Creates the first admin token when there is none, atomically (server and CLI may start
   * together). Returns the token only to the caller that created it.
   */
  createFirstAdminIfNone(name: string): { token: string; record: TokenRecord } | undefined {
    return this.db
      .transaction(() => {
        const { count } = this.db.prepare('SELECT count(*) AS count FROM ledger_tokens').get() as { count: number };
        return count === 0 ? this.create({ name, role: 'admin' }) : undefined;
      })
      .immediate();
  }

  list(): TokenRecord[] {
    return (this.db.prepare('SELECT * FROM ledger_tokens ORDER BY created_at, id').all() as TokenRow[]).map(toRecord);
  }

  get(id: string): TokenRecord | undefined {
    const row = this.db.prepare('SELECT * FROM ledger_tokens WHERE id = ?').get(id) as TokenRow | undefined;
    return row && toRecord(row);
  }

  /** Returns false when there is no such token; revoking twice keeps the first time. */
  revoke(id: string): boolean {
    const at = this.now().toISOString();
    const info = this.db.prepare('UPDATE ledger_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(at, id);
    // Revoked through this process: at once. Through another: within TOKEN_RECHECK_MS.
    for (const [hash, cached] of this.recent) if (cached.row.id === id) this.recent.delete(hash);
    return info.changes > 0;
  }

  /** The principal for a presented token, or undefined when it is unknown, revoked or expired. */
  authenticate(token: string): Principal | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const now = this.now();
    const row = this.rowFor(hashToken(token), now.getTime());
    if (!row || row.revoked_at !== null) return undefined;
    if (row.expires_at !== null && new Date(row.expires_at) <= now) return undefined;
    return principalOf(row);
  }

  /** The token's row, read again when the copy in memory is TOKEN_RECHECK_MS old; unknown hashes are not remembered. */
  private rowFor(secretHash: string, nowMs: number): TokenRow | undefined {
    const cached = this.recent.get(secretHash);
    if (cached && nowMs - cached.readAt < TOKEN_RECHECK_MS) return cached.row;
    const row = this.bySecretHash.get(secretHash);
    if (!row) {
      this.recent.delete(secretHash);
      return undefined;
    }
    if (row.revoked_at === null && (row.last_used_at === null || nowMs - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS)) {
      row.last_used_at = new Date(nowMs).toISOString();
      this.touch.run(row.last_used_at, row.id);
    }
    if (this.recent.size >= CACHE_LIMIT) this.recent.clear();
    this.recent.set(secretHash, { row, readAt: nowMs });
    return row;
  }
}

export function principalOf(row: TokenRow): Principal {
  return {
    id: `token:${row.id}`,
    name: row.name,
    role: row.role,
    ...(row.party_id !== null && { partyId: row.party_id }),
    ...(row.region !== null && { region: row.region }),
    authenticatedBy: 'ledger-token',
  };
}

export function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    ...(row.party_id !== null && { partyId: row.party_id }),
    ...(row.region !== null && { region: row.region }),
    createdAt: row.created_at,
    ...(row.last_used_at !== null && { lastUsedAt: row.last_used_at }),
    ...(row.expires_at !== null && { expiresAt: row.expires_at }),
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
  };
}

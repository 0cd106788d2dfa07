import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal, Role } from '../principal.js';
import type { NewToken, TokenRecord, TokenStore } from './token-store.js';

export type { NewToken, TokenRecord };

/** `ldg_` + 256 random bits, base64url. The prefix lets secret scanners and our parser spot it. */
const TOKEN_PREFIX = 'ldg_';
export const TOKEN_PATTERN = /^ldg_[A-Za-z0-9_-]{43}$/;
/** Writing last-used time on every request would turn reads into writes; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

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

export function looksLikeLedgerToken(credential: string): boolean {
  return credential.startsWith(TOKEN_PREFIX);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Ledger tokens: shown once at creation, stored only as SHA-256, revocable at once. */
export class LedgerTokenStore implements TokenStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS ledger_tokens (
      id           TEXT PRIMARY KEY,
      secret_hash  TEXT NOT NULL UNIQUE,
      name         TEXT NOT NULL,
      role         TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'auditor')),
      party_id     TEXT,
      region       TEXT,
      created_at   TEXT NOT NULL,
      last_used_at TEXT,
      expires_at   TEXT,
      revoked_at   TEXT
    ) STRICT`);
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
    return info.changes > 0;
  }

  /** The principal for a presented token, or undefined when it is unknown, revoked or expired. */
  authenticate(token: string): Principal | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const row = this.db.prepare('SELECT * FROM ledger_tokens WHERE secret_hash = ?').get(hashToken(token)) as TokenRow | undefined;
    if (!row || row.revoked_at !== null) return undefined;
    const now = this.now();
    if (row.expires_at !== null && new Date(row.expires_at) <= now) return undefined;
    if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
      this.db.prepare('UPDATE ledger_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), row.id);
    }
    return principalOf(row);
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

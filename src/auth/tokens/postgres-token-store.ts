import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../state/postgres-state.js';
import type { Principal } from '../principal.js';
import { hashToken, LAST_USED_RESOLUTION_MS, newToken, principalOf, toRecord, TOKEN_PATTERN, type NewToken, type TokenRecord, type TokenRow } from './ledger-token-store.js';
import type { TokenStore } from './token-store.js';

/** Instances creating the table, or the first admin token, together do it one at a time. */
const TOKENS_LOCK = 0x6c6467_0003;

/**
 * Ledger tokens in the PostgreSQL store's database, shared by every instance: each request looks
 * its token up there, so a revocation through one instance is refused by all at their next request.
 * Same table and rules as the embedded LedgerTokenStore (times as ISO text, secrets as SHA-256).
 */
export class PostgresTokenStore implements TokenStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  static async open(pool: pg.Pool, now: () => Date = () => new Date()): Promise<PostgresTokenStore> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TOKENS_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS ledger_tokens (
        id           text PRIMARY KEY,
        secret_hash  text NOT NULL UNIQUE,
        name         text NOT NULL,
        role         text NOT NULL CHECK (role IN ('admin', 'clerk', 'auditor')),
        party_id     text,
        region       text,
        created_at   text NOT NULL,
        last_used_at text,
        expires_at   text,
        revoked_at   text
      )`);
    });
    return new PostgresTokenStore(pool, now);
  }

  async create(spec: NewToken): Promise<{ token: string; record: TokenRecord }> {
    return this.insert(this.pool, spec);
  }

  async createFirstAdminIfNone(name: string): Promise<{ token: string; record: TokenRecord } | undefined> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TOKENS_LOCK]);
      const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM ledger_tokens) AS any');
      return rows[0]!.any ? undefined : this.insert(client, { name, role: 'admin' });
    });
  }

  async list(): Promise<TokenRecord[]> {
    const { rows } = await this.pool.query<TokenRow>('SELECT * FROM ledger_tokens ORDER BY created_at, id');
    return rows.map(toRecord);
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.pool.query<TokenRow>('SELECT * FROM ledger_tokens WHERE id = $1', [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE ledger_tokens SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2', [this.now().toISOString(), id]);
    return (result.rowCount ?? 0) > 0;
  }

  async authenticate(token: string): Promise<Principal | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const { rows } = await this.pool.query<TokenRow>('SELECT * FROM ledger_tokens WHERE secret_hash = $1', [hashToken(token)]);
    const row = rows[0];
    if (!row || row.revoked_at !== null) return undefined;
    const now = this.now();
    if (row.expires_at !== null && new Date(row.expires_at) <= now) return undefined;
    if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.pool.query('UPDATE ledger_tokens SET last_used_at = $1 WHERE id = $2', [now.toISOString(), row.id]);
    }
    return principalOf(row);
  }

  private async insert(db: pg.Pool | pg.PoolClient, spec: NewToken): Promise<{ token: string; record: TokenRecord }> {
    const token = newToken();
    const { rows } = await db.query<TokenRow>(
      `INSERT INTO ledger_tokens (id, secret_hash, name, role, party_id, region, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [`tok_${randomBytes(8).toString('hex')}`, hashToken(token), spec.name, spec.role, spec.partyId ?? null, spec.region ?? null, this.now().toISOString(), spec.expiresAt ?? null],
    );
    return { token, record: toRecord(rows[0]!) };
  }
}

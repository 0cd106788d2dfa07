import type pg from 'pg';
import { inTransaction } from '../state/postgres-state.js';
import { ABANDONED_AFTER_MS, RETENTION_MS, type IdempotencyClaim, type IdempotencyKeys, type StoredResponse } from './idempotency-store.js';

/** Instances creating the table together do it one at a time. */
const TABLE_LOCK = 0x6c6467_0004;

/**
 * Idempotency keys in the PostgreSQL store's database, shared by every instance: a key used
 * through one instance replays through any other. Same rules as the embedded IdempotencyStore;
 * a claim holds a lock on its key for its transaction, so two instances never both proceed.
 */
export class PostgresIdempotencyStore implements IdempotencyKeys {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  static async open(pool: pg.Pool, now: () => Date = () => new Date()): Promise<PostgresIdempotencyStore> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TABLE_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS idempotency_keys (
        principal_id text   NOT NULL,
        key          text   NOT NULL,
        fingerprint  text   NOT NULL,
        state        text   NOT NULL CHECK (state IN ('in-flight', 'completed')),
        response     text,
        created_at   bigint NOT NULL,
        PRIMARY KEY (principal_id, key)
      )`);
    });
    return new PostgresIdempotencyStore(pool, now);
  }

  async claim(principalId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const now = this.now().getTime();
    return inTransaction(this.pool, async (client): Promise<IdempotencyClaim> => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${principalId}\n${key}`]);
      const { rows } = await client.query<{ fingerprint: string; state: string; response: string | null; created_at: string }>(
        'SELECT fingerprint, state, response, created_at FROM idempotency_keys WHERE principal_id = $1 AND key = $2',
        [principalId, key],
      );
      const row = rows[0];
      const age = row === undefined ? 0 : now - Number(row.created_at);
      const expired = age > RETENTION_MS;
      const abandoned = row?.state === 'in-flight' && age > ABANDONED_AFTER_MS;
      if (row && !expired && !abandoned) {
        if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
        if (row.state === 'in-flight') return { outcome: 'in-flight' };
        return { outcome: 'replay', response: JSON.parse(row.response!) as StoredResponse };
      }
      await client.query(
        `INSERT INTO idempotency_keys (principal_id, key, fingerprint, state, created_at) VALUES ($1, $2, $3, 'in-flight', $4)
         ON CONFLICT (principal_id, key) DO UPDATE SET fingerprint = excluded.fingerprint, state = 'in-flight',
           response = NULL, created_at = excluded.created_at`,
        [principalId, key, fingerprint, now],
      );
      return { outcome: 'proceed' };
    });
  }

  async complete(principalId: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(`UPDATE idempotency_keys SET state = 'completed', response = $1 WHERE principal_id = $2 AND key = $3`, [
      JSON.stringify(response),
      principalId,
      key,
    ]);
  }

  async release(principalId: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND state = 'in-flight'`, [principalId, key]);
  }

  async purgeExpired(): Promise<number> {
    const result = await this.pool.query('DELETE FROM idempotency_keys WHERE created_at < $1', [this.now().getTime() - RETENTION_MS]);
    return result.rowCount ?? 0;
  }
}

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import canonicalize from 'canonicalize';

/** What a command answered the first time, replayed verbatim for a repeated key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly etag?: string;
}

export type IdempotencyClaim =
  | { readonly outcome: 'proceed' }
  | { readonly outcome: 'replay'; readonly response: StoredResponse }
  | { readonly outcome: 'mismatch' }
  | { readonly outcome: 'in-flight' };

/** Keys are remembered at least this long (API.md: at least 24 h). */
export const RETENTION_MS = 48 * 3600_000;
/** An in-flight claim this old belongs to a request that died with its server; it may be taken over. */
export const ABANDONED_AFTER_MS = 60_000;

type Awaitable<T> = T | Promise<T>;

/**
 * Where keys live: `state.sqlite` beside the embedded log (IdempotencyStore), or the PostgreSQL
 * store's database, shared by every instance (PostgresIdempotencyStore).
 */
export interface IdempotencyKeys {
  claim(principalId: string, key: string, fingerprint: string): Awaitable<IdempotencyClaim>;
  complete(principalId: string, key: string, response: StoredResponse): Awaitable<void>;
  release(principalId: string, key: string): Awaitable<void>;
  purgeExpired(): Awaitable<number>;
}

/** Injection token for the idempotency keys (an interface has no runtime token of its own). */
export const IDEMPOTENCY_KEYS = Symbol('IdempotencyKeys');

/**
 * Idempotency-Key bookkeeping (IETF draft), per caller. A key is claimed before the command runs,
 * completed with its response, or released when the command failed so a retry may run it again.
 */
export class IdempotencyStore implements IdempotencyKeys {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The request's identity: method, path and canonical body, so key reuse for another request is caught. */
  static fingerprint(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${path}\n${canonicalize(body ?? null)}`)
      .digest('hex');
  }

  claim(principalId: string, key: string, fingerprint: string): IdempotencyClaim {
    const now = this.now().getTime();
    return this.db
      .transaction((): IdempotencyClaim => {
        const row = this.db
          .prepare('SELECT fingerprint, state, response, created_at FROM idempotency_keys WHERE principal_id = ? AND key = ?')
          .get(principalId, key) as { fingerprint: string; state: string; response: string | null; created_at: number } | undefined;
        const expired = row !== undefined && now - row.created_at > RETENTION_MS;
        const abandoned = row?.state === 'in-flight' && now - row.created_at > ABANDONED_AFTER_MS;
        if (row && !expired && !abandoned) {
          if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
          if (row.state === 'in-flight') return { outcome: 'in-flight' };
          return { outcome: 'replay', response: JSON.parse(row.response!) as StoredResponse };
        }
        this.db
          .prepare(
            `INSERT INTO idempotency_keys (principal_id, key, fingerprint, state, created_at) VALUES (?, ?, ?, 'in-flight', ?)
             ON CONFLICT (principal_id, key) DO UPDATE SET fingerprint = excluded.fingerprint, state = 'in-flight',
               response = NULL, created_at = excluded.created_at`,
          )
          .run(principalId, key, fingerprint, now);
        return { outcome: 'proceed' };
      })
      .immediate();
  }

  complete(principalId: string, key: string, response: StoredResponse): void {
    this.db
      .prepare(`UPDATE idempotency_keys SET state = 'completed', response = ? WHERE principal_id = ? AND key = ?`)
      .run(JSON.stringify(response), principalId, key);
  }

  release(principalId: string, key: string): void {
    this.db.prepare(`DELETE FROM idempotency_keys WHERE principal_id = ? AND key = ? AND state = 'in-flight'`).run(principalId, key);
  }

  purgeExpired(): number {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(this.now().getTime() - RETENTION_MS).changes;
  }
}

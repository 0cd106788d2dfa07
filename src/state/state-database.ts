import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrateState } from './state-schema.js';

/**
 * The server's own embedded database beside the log: tokens, and later read models, idempotency
 * keys and webhook subscriptions. It exists whichever event store is chosen, and the `ledger` CLI
 * opens the same file while the server runs (WAL, busy timeout). Its schema is migrated on open.
 */
export function openStateDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'state.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrateState(db);
  return db;
}

import type Database from 'better-sqlite3';

/**
 * `state.sqlite`'s layout, versioned like the log's (`PRAGMA user_version`): each migration runs
 * once, in order, in one transaction, when the file is opened; a file newer than this build is
 * refused. Append a migration for a change; never edit one that has shipped.
 *
 * 1: access tokens and idempotency keys (files made before versioning already have both tables;
 *    IF NOT EXISTS takes them over as they are).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS ledger_tokens (
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
   ) STRICT;
   CREATE TABLE IF NOT EXISTS idempotency_keys (
     principal_id TEXT NOT NULL,
     key          TEXT NOT NULL,
     fingerprint  TEXT NOT NULL,
     state        TEXT NOT NULL CHECK (state IN ('in-flight', 'completed')),
     response     TEXT,
     created_at   INTEGER NOT NULL,
     PRIMARY KEY (principal_id, key)
   ) STRICT;`,
];

export const STATE_SCHEMA_VERSION = MIGRATIONS.length;

export function migrateState(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`state.sqlite schema ${current} is newer than this build knows (${MIGRATIONS.length})`);
  }
  if (current === MIGRATIONS.length) return;
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

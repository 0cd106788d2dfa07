import type Database from 'better-sqlite3';

/**
 * `state.sqlite`'s layout, versioned like the log's (`PRAGMA user_version`): each migration runs
 * once, in order, in one transaction, when the file is opened; a file newer than this build is
 * refused. Append a migration for a change; never edit one that has shipped.
 *
 * 1: access tokens and idempotency keys (files made before versioning already have both tables;
 *    IF NOT EXISTS takes them over as they are).
 * 2: webhook subscriptions, their outbox and attempts, and the dispatcher's checkpoint
 *    (src/webhooks: the outbox rows and the checkpoint are written in one transaction, so a
 *    message exists exactly when the checkpoint has passed its event; `next_attempt_ms` is epoch
 *    milliseconds, other times ISO instants).
 * 3: the dashboard's browser sessions (src/auth/sessions).
 * 4: a session's ID token, when it was made by OIDC sign-in by redirect (sent back to the provider
 *    as `id_token_hint` at sign-out).
 * 5: calendar feeds (src/calendar): the feed token's SHA-256 and the principal the feed answers as.
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
  `CREATE TABLE webhook_subscriptions (
     id               TEXT PRIMARY KEY,
     url              TEXT NOT NULL,
     event_types      TEXT NOT NULL,              -- JSON array; empty = every type
     agreement_id     TEXT,
     party_id         TEXT,
     description      TEXT,
     signing          TEXT NOT NULL CHECK (signing IN ('v1', 'v1a')),
     signing_key      TEXT NOT NULL,              -- JSON SigningKey
     previous_key     TEXT,                       -- JSON SigningKey, signs too until previous_key_until
     previous_key_until TEXT,
     owner            TEXT NOT NULL,              -- JSON: the principal whose reading rights bound what is sent
     status           TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
     disabled_reason  TEXT,
     failing_since    TEXT,                       -- first failure after the last success
     starts_after     TEXT,                       -- log position at creation: nothing at or before it is sent
     created_at       TEXT NOT NULL
   ) STRICT;
  CREATE TABLE webhook_messages (
     seq              INTEGER PRIMARY KEY AUTOINCREMENT,
     id               TEXT NOT NULL UNIQUE,       -- webhook-id, stable across attempts
     subscription_id  TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
     source           TEXT NOT NULL,              -- the event or transition it announces: one message each
     event_type       TEXT NOT NULL,
     position         TEXT NOT NULL,
     body             TEXT NOT NULL,              -- the exact bytes every attempt sends
     status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
     attempts         INTEGER NOT NULL DEFAULT 0, -- scheduled attempts made (manual ones are not counted)
     next_attempt_ms  INTEGER,
     next_trigger     TEXT NOT NULL DEFAULT 'scheduled' CHECK (next_trigger IN ('scheduled', 'manual')),
     created_at       TEXT NOT NULL,
     UNIQUE (subscription_id, source)
   ) STRICT;
  CREATE INDEX webhook_messages_queue ON webhook_messages (status, subscription_id, seq);
  CREATE TABLE webhook_attempts (
     message_seq      INTEGER NOT NULL REFERENCES webhook_messages (seq) ON DELETE CASCADE,
     attempt          INTEGER NOT NULL,
     at               TEXT NOT NULL,
     trigger          TEXT NOT NULL,
     status_code      INTEGER NOT NULL,
     duration_ms      INTEGER NOT NULL,
     error            TEXT,
     response_body    TEXT NOT NULL,
     PRIMARY KEY (message_seq, attempt)
   ) STRICT;
  CREATE TABLE webhook_dispatch (
     id               INTEGER PRIMARY KEY CHECK (id = 1),
     position         TEXT,                       -- the last event the outbox reflects
     swept_through    TEXT NOT NULL               -- the last Helsinki date whose arriving transitions are in the outbox
   ) STRICT;
  CREATE TABLE webhook_scheduled (
     agreement_id     TEXT NOT NULL,
     effective_on     TEXT NOT NULL,
     PRIMARY KEY (agreement_id, effective_on)
   ) STRICT;`,
  `CREATE TABLE dashboard_sessions (
     id_hash     TEXT PRIMARY KEY,
     principal   TEXT NOT NULL,
     csrf_token  TEXT NOT NULL,
     created_at  TEXT NOT NULL,
     expires_at  TEXT NOT NULL
   ) STRICT;`,
  `ALTER TABLE dashboard_sessions ADD COLUMN id_token TEXT;`,
  `CREATE TABLE calendar_feeds (
     id           TEXT PRIMARY KEY,
     secret_hash  TEXT NOT NULL UNIQUE,
     owner_id     TEXT NOT NULL,              -- the principal's id: whose list the feed is in
     principal    TEXT NOT NULL,              -- JSON: whose reading rights the feed answers with
     name         TEXT,
     region       TEXT,                       -- the feed narrowed to this region, or NULL
     party_id     TEXT,                       -- the feed narrowed to this party's duties, or NULL
     created_at   TEXT NOT NULL,
     revoked_at   TEXT
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

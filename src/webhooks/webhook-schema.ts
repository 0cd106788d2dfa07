import type Database from 'better-sqlite3';
import { migrateState } from '../state/state-migrations.js';

/**
 * Webhook subscriptions, their outbox and the dispatcher's checkpoint, in state.sqlite. The
 * outbox rows and the checkpoint are written in one transaction, so a message exists exactly when
 * the checkpoint has passed its event. Times are ISO instants, except the scheduling column
 * `next_attempt_ms` (epoch milliseconds, compared as numbers).
 */
const MIGRATIONS: readonly string[] = [
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
   ) STRICT`,
  `CREATE TABLE webhook_messages (
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
   ) STRICT`,
  'CREATE INDEX webhook_messages_queue ON webhook_messages (status, subscription_id, seq)',
  `CREATE TABLE webhook_attempts (
     message_seq      INTEGER NOT NULL REFERENCES webhook_messages (seq) ON DELETE CASCADE,
     attempt          INTEGER NOT NULL,
     at               TEXT NOT NULL,
     trigger          TEXT NOT NULL,
     status_code      INTEGER NOT NULL,
     duration_ms      INTEGER NOT NULL,
     error            TEXT,
     response_body    TEXT NOT NULL,
     PRIMARY KEY (message_seq, attempt)
   ) STRICT`,
  `CREATE TABLE webhook_dispatch (
     id               INTEGER PRIMARY KEY CHECK (id = 1),
     position         TEXT,                       -- the last event the outbox reflects
     swept_through    TEXT NOT NULL               -- the last Helsinki date whose arriving transitions are in the outbox
   ) STRICT`,
  `CREATE TABLE webhook_scheduled (
     agreement_id     TEXT NOT NULL,
     effective_on     TEXT NOT NULL,
     PRIMARY KEY (agreement_id, effective_on)
   ) STRICT`,
];

export function migrateWebhooks(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
  migrateState(db, 'webhooks', MIGRATIONS);
}

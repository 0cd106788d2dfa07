import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { inTransaction } from '../../state/postgres-state.js';

/** Instances creating the tables together do it one at a time. */
const TABLES_LOCK = 0x6c6467_0005;

/**
 * Webhook subscriptions, their outbox and the dispatcher's checkpoint in the PostgreSQL store's
 * database: the same tables and rules as state.sqlite's migration 2 (src/state/state-schema.ts),
 * created by the first instance to start, like the tokens' table. Positions, ids and times are
 * text as there; `seq` and `next_attempt_ms` are bigint, read back as numbers.
 */
const TABLES = `
  CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    id                 text PRIMARY KEY,
    url                text NOT NULL,
    event_types        text NOT NULL,
    agreement_id       text,
    party_id           text,
    description        text,
    signing            text NOT NULL CHECK (signing IN ('v1', 'v1a')),
    signing_key        text NOT NULL,
    previous_key       text,
    previous_key_until text,
    owner              text NOT NULL,
    status             text NOT NULL CHECK (status IN ('active', 'disabled')),
    disabled_reason    text,
    failing_since      text,
    starts_after       text,
    created_at         text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS webhook_messages (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text NOT NULL UNIQUE,
    subscription_id text NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    source          text NOT NULL,
    event_type      text NOT NULL,
    position        text NOT NULL,
    body            text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_ms bigint,
    next_trigger    text NOT NULL DEFAULT 'scheduled' CHECK (next_trigger IN ('scheduled', 'manual')),
    created_at      text NOT NULL,
    UNIQUE (subscription_id, source)
  );
  CREATE INDEX IF NOT EXISTS webhook_messages_queue ON webhook_messages (status, subscription_id, seq);
  CREATE TABLE IF NOT EXISTS webhook_attempts (
    message_seq   bigint NOT NULL REFERENCES webhook_messages (seq) ON DELETE CASCADE,
    attempt       integer NOT NULL,
    at            text NOT NULL,
    trigger       text NOT NULL,
    status_code   integer NOT NULL,
    duration_ms   integer NOT NULL,
    error         text,
    response_body text NOT NULL,
    PRIMARY KEY (message_seq, attempt)
  );
  CREATE TABLE IF NOT EXISTS webhook_dispatch (
    id            integer PRIMARY KEY CHECK (id = 1),
    position      text,
    swept_through text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS webhook_scheduled (
    agreement_id text NOT NULL,
    effective_on text NOT NULL,
    PRIMARY KEY (agreement_id, effective_on)
  );`;

/**
 * The pool, and the transaction a piece of work runs in: the subscription store and the outbox
 * query through `query`, which joins the transaction opened by `transaction` around them, so the
 * delivery worker's batch of attempts (the outbox's rows and the subscriptions') commits as one.
 */
export class WebhookDatabase {
  private readonly current = new AsyncLocalStorage<pg.PoolClient>();

  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<WebhookDatabase> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TABLES_LOCK]);
      await client.query(TABLES);
    });
    return new WebhookDatabase(pool);
  }

  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return (this.current.getStore() ?? this.pool).query<R>(text, values);
  }

  /** Runs `work` in a transaction, or in the one already open around it. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const open = this.current.getStore();
    if (open !== undefined) return work(open);
    return inTransaction(this.pool, (client) => this.current.run(client, () => work(client)));
  }
}

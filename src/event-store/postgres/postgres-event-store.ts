import { EventEmitter } from 'node:events';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeAllOptions,
  Subscription,
} from '../event-store.port.js';
import { checkAppendable } from '../../core/agreement-contract.js';
import { assertStreamId } from '../stream-id.js';
import { catchUpSubscription } from '../catch-up-subscription.js';
import type { GroupCommit } from '../sqlite/sqlite-event-store.js';
import { planBatch, type KnownEvent, type PendingAppend, type StreamHead } from './append-batch.js';
import { APPENDED_CHANNEL, AppendNotifications } from './append-notifications.js';
import { migrate } from './schema.js';

export type { GroupCommit };

export interface PostgresEventStoreOptions {
  /** e.g. postgres://ledger@db:5432/ledger */
  readonly connectionString: string;
  /** Server time for `recordedAt`. */
  readonly now?: () => Date;
  /** How often subscribers read the log when no notification came (a lost LISTEN connection). */
  readonly pollIntervalMs?: number;
  /** Connections for reads and the one group commit in flight. */
  readonly poolSize?: number;
}

interface QueuedAppend extends PendingAppend {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

interface EventRecord {
  position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/**
 * The append lock (a transaction-scoped advisory lock): every append transaction takes it before
 * it reads stream heads or draws a position, and PostgreSQL makes a commit visible before it
 * releases the transaction's locks. So positions become visible strictly in order — a reader that
 * sees position n sees every position below it — and a subscriber reading `position > last seen`
 * never skips a slower transaction's event. DESIGN.md "PostgreSQL store" weighs this against
 * reading below the oldest transaction in flight.
 */
const APPEND_LOCK = 0x6c6467_0002;
/** Appends per group commit at most, so one statement stays a reasonable size. */
const MAX_BATCH = 500;
/** Rows per catch-up page, and per query of a larger readAll page. */
const PAGE = 1000;
const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata';

/** Under the lock, in one round trip: the heads of the batch's streams, its ids already stored, the last recordedAt. */
const LOOKUP = `
  SELECT
    (SELECT coalesce(json_agg(json_build_array(h.stream_id, h.revision, h.hash)), '[]')
       FROM unnest($1::text[]) AS s(stream_id)
       CROSS JOIN LATERAL (
         SELECT stream_id, revision, hash FROM events e WHERE e.stream_id = s.stream_id ORDER BY revision DESC LIMIT 1
       ) h) AS heads,
    (SELECT coalesce(json_agg(json_build_array(event_id, stream_id, revision, position::text)), '[]')
       FROM events WHERE event_id = ANY($2::text[])) AS stored,
    (SELECT metadata->>'recordedAt' FROM events ORDER BY position DESC LIMIT 1) AS last_recorded_at`;

const INSERT = `
  INSERT INTO events (event_id, stream_id, revision, type, data, metadata, hash)
  SELECT event_id, stream_id, revision, type, data, metadata, hash
    FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::json[], $6::json[], $7::text[])
         WITH ORDINALITY AS r(event_id, stream_id, revision, type, data, metadata, hash, n)
   ORDER BY n
  RETURNING event_id, position::text`;

/**
 * The server store: one PostgreSQL database shared by every instance. Appends are group-committed
 * as in the SQLite store — whatever arrives while one transaction commits goes into the next —
 * each caller acknowledged only after its commit. The hash chain is computed here, under the
 * append lock, from heads read inside the same transaction. Subscribers wake on LISTEN/NOTIFY.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  private readonly appended = new EventEmitter();
  private queue: QueuedAppend[] = [];
  private committing: Promise<void> | undefined;
  private commitScheduled = false;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly notifications: AppendNotifications,
    private readonly now: () => Date,
    private readonly pollIntervalMs: number,
  ) {
    this.appended.setMaxListeners(0);
  }

  /** Connects and brings the schema up to date (several instances may start at once). */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const config: pg.PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      // A writer that stalls inside its transaction would hold the append lock: the server ends it.
      idle_in_transaction_session_timeout: 10_000,
    };
    const pool = new pg.Pool(config);
    // An idle connection the server closed is replaced at the next query; without a listener the error would end the process.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(
      pool,
      new AppendNotifications({ connectionString: options.connectionString }),
      options.now ?? (() => new Date()),
      options.pollIntervalMs ?? 1000,
    );
  }

  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    try {
      assertStreamId(streamId);
      if (events.length === 0) throw new RangeError('append needs at least one event');
      // The log is append-only: an event that breaks its stream's contract never gets in.
      for (const event of events) checkAppendable(streamId, event);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      // Time-ordered ids keep the unique index growing at one end.
      const eventIds = events.map((e) => e.eventId ?? uuidv7());
      this.queue.push({ streamId, events, eventIds, expectedRevision: options.expectedRevision ?? 'any', resolve, reject });
      this.scheduleCommit();
    });
  }

  /** Appends of one tick go together; while a commit is in flight, the next batch gathers behind it. */
  private scheduleCommit(): void {
    if (this.committing !== undefined || this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      this.committing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.commit(this.queue.splice(0, MAX_BATCH));
    this.committing = undefined;
  }

  /** One transaction for the batch; a refused append is answered without touching the others. */
  private async commit(batch: readonly QueuedAppend[]): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const started = performance.now();
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
      const lookup = await client.query<{ heads: [string, number, string][]; stored: [string, string, number, string][]; last_recorded_at: string | null }>(
        LOOKUP,
        [[...new Set(batch.map((a) => a.streamId))], batch.flatMap((a) => a.eventIds)],
      );
      const { heads, stored, last_recorded_at: lastRecordedAt } = lookup.rows[0]!;
      const positions = new Map(stored.map(([eventId, , , position]) => [eventId, position]));
      const plan = planBatch(
        batch,
        new Map(heads.map(([streamId, revision, hash]): [string, StreamHead] => [streamId, { revision, hash }])),
        new Map(stored.map(([eventId, streamId, revision]): [string, KnownEvent] => [eventId, { streamId, revision }])),
        this.recordedAt(lastRecordedAt),
      );
      if (plan.rows.length > 0) {
        const r = plan.rows;
        const inserted = await client.query<{ event_id: string; position: string }>(INSERT, [
          r.map((row) => row.eventId),
          r.map((row) => row.streamId),
          r.map((row) => row.revision),
          r.map((row) => row.type),
          r.map((row) => row.data),
          r.map((row) => row.metadata),
          r.map((row) => row.hash),
        ]);
        for (const row of inserted.rows) positions.set(row.event_id, row.position);
        await client.query(`NOTIFY ${APPENDED_CHANNEL}; COMMIT`);
      } else {
        await client.query('ROLLBACK');
      }
      client.release();
      client = undefined;
      batch.forEach((pending, i) => {
        const outcome = plan.outcomes[i]!;
        if (!outcome.ok) return pending.reject(outcome.error);
        const { nextExpectedRevision, lastEventId } = outcome;
        pending.resolve({ nextExpectedRevision, position: positions.get(lastEventId)!, eventId: lastEventId });
      });
      if (plan.rows.length > 0) this.notifications.notify();
      this.appended.emit('commit', { appends: batch.length, events: plan.rows.length, seconds: (performance.now() - started) / 1000 } satisfies GroupCommit);
    } catch (error) {
      // A broken connection is dropped, not reused; the server rolls back what it had not committed.
      client?.release(error instanceof Error ? error : true);
      for (const pending of batch) pending.reject(error);
    }
  }

  /** Server time, never earlier than the log's last event, so `recordedAt` follows log order across instances. */
  private recordedAt(last: string | null): string {
    const now = this.now().toISOString();
    return last !== null && last > now ? last : now;
  }

  /** Called after every committed transaction, e.g. for the group-commit batch size metric; returns the unsubscribe. */
  onGroupCommit(listener: (commit: GroupCommit) => void): () => void {
    this.appended.on('commit', listener);
    return () => this.appended.off('commit', listener);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamId(streamId);
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const { rows } =
      options.direction === 'backwards'
        ? await this.pool.query<EventRecord>(
            `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`,
            [streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount],
          )
        : await this.pool.query<EventRecord>(
            `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
            [streamId, options.fromRevision ?? 0, maxCount],
          );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    let after = options.fromPosition === undefined ? '0' : String(parsePosition(options.fromPosition));
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: StoredEvent[] = [];
    while (events.length < maxCount) {
      const chunk = Math.min(PAGE, maxCount - events.length);
      const { rows } = await this.pool.query<EventRecord>(
        `SELECT ${COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, chunk],
      );
      for (const row of rows) events.push(toStoredEvent(row));
      if (rows.length < chunk) break;
      after = rows.at(-1)!.position;
    }
    return events;
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    if (options.fromPosition !== undefined) parsePosition(options.fromPosition);
    return catchUpSubscription({
      fromPosition: options.fromPosition,
      readPage: (after) => this.readAll({ fromPosition: after, maxCount: PAGE }),
      onAppended: (listener) => this.notifications.on(listener),
      pollIntervalMs: this.pollIntervalMs,
    });
  }

  async headPosition(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ position: string | null }>('SELECT max(position)::text AS position FROM events');
    return rows[0]?.position ?? undefined;
  }

  comparePositions(a: string, b: string): number {
    return Math.sign(parsePosition(a) - parsePosition(b));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already queued commit before the connections close.
    while (this.committing !== undefined || this.commitScheduled) {
      await (this.committing ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
    await this.notifications.close();
    this.appended.removeAllListeners();
    await this.pool.end();
  }
}

function parsePosition(position: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(position)) throw new RangeError(`not a position of this store: ${position}`);
  return Number(position);
}

function toStoredEvent(row: EventRecord): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position,
    recordedAt: row.metadata.recordedAt as string,
  };
}

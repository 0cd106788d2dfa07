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
import { checkAppendRequest } from '../append-request.js';
import { assertStreamId } from '../stream-id.js';
import { catchUpSubscription } from '../catch-up-subscription.js';
import type { GroupCommit } from '../sqlite/sqlite-event-store.js';
import type { PendingAppend } from './append-batch.js';
import { AppendNotifications } from './append-notifications.js';
import { AppendTransactions } from './append-transaction.js';
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

/** Appends per group commit at most, so one statement stays a reasonable size. */
const MAX_BATCH = 500;
/** Rows per catch-up page, and per query of a larger readAll page. */
const PAGE = 1000;
const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata';

/**
 * The server store: one PostgreSQL database shared by every instance. Appends are group-committed
 * as in the SQLite store — whatever arrives while one transaction commits goes into the next —
 * each caller acknowledged only after its commit. The hash chain is computed here, under the
 * append lock, from stream heads checked inside the same transaction (append-transaction.ts).
 * Subscribers wake on LISTEN/NOTIFY.
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
    private readonly transactions: AppendTransactions,
    private readonly pollIntervalMs: number,
  ) {
    this.appended.setMaxListeners(0);
  }

  /** Connects and brings the schema up to date (several instances may start at once). */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const config: pg.PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      // Queries on one connection go out without waiting for the answer before: an append costs two round trips, not four.
      pipeline: true,
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
      new AppendTransactions(options.now ?? (() => new Date())),
      options.pollIntervalMs ?? 1000,
    );
  }

  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    try {
      checkAppendRequest(streamId, events);
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
      const committed = await this.transactions.commit(client, batch);
      client.release();
      client = undefined;
      batch.forEach((pending, i) => {
        const outcome = committed.outcomes[i]!;
        if (!outcome.ok) return pending.reject(outcome.error);
        const { nextExpectedRevision, lastEventId } = outcome;
        pending.resolve({ nextExpectedRevision, position: committed.positions.get(lastEventId)!, eventId: lastEventId });
      });
      if (committed.rows.length > 0) this.notifications.notify();
      this.appended.emit('commit', { appends: batch.length, events: committed.rows.length, seconds: (performance.now() - started) / 1000 } satisfies GroupCommit);
    } catch (error) {
      // A broken connection is dropped, not reused; the server rolls back what it had not committed.
      client?.release(error instanceof Error ? error : true);
      for (const pending of batch) pending.reject(error);
    }
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

import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { DuplicateEventIdError } from '../errors.js';
import type {
  JsonObject,
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GroupCommit,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeAllOptions,
  Subscription,
} from '../event-store.port.js';
import { checkExpectedRevision } from '../expected-revision.js';
import { canonicalJson, GENESIS_HASH, sealEvent } from '../../core/hash-chain.js';
import { checkAppendRequest } from '../append-request.js';
import { assertStreamId } from '../stream-id.js';
import { catchUpSubscription } from '../catch-up-subscription.js';
import { migrate } from './schema.js';

export interface SqliteEventStoreOptions {
  /** The database file; ':memory:' for tests that need no durability. */
  readonly file: string;
  /** Server time for `recordedAt`. */
  readonly now?: () => Date;
  /** How often subscribers look for appends made by another process (the CLI). */
  readonly pollIntervalMs?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export type { GroupCommit } from '../event-store.port.js';

export type Row = [position: number, eventId: string, streamId: string, revision: number, type: string, data: string, metadata: string];

export const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata';
/** Rows per catch-up page, and per all() call of a larger readAll page. */
const PAGE = 1000;

/**
 * The embedded default store: one SQLite file in WAL mode with synchronous=FULL, so an
 * acknowledged append has been fsynced. Appends arriving together are group-committed: one
 * transaction and one fsync for the batch, each caller acknowledged only after the commit.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private lastRecordedAt = '';
  private closed = false;
  private readonly commitBatch: (batch: readonly PendingAppend[]) => AppendOutcome[];
  private readonly appendOne: (pending: PendingAppend) => AppendResult;

  private readonly stmt: {
    head: Database.Statement<[string], { revision: number; hash: string }>;
    byEventId: Database.Statement<[string], { streamId: string; revision: number; position: number }>;
    insert: Database.Statement<unknown[]>;
    lastRecordedAt: Database.Statement<[], { recordedAt: string }>;
    headPosition: Database.Statement<[], { position: number }>;
    readAll: Database.Statement<[number, number]>;
    readForwards: Database.Statement<[string, number, number]>;
    readBackwards: Database.Statement<[string, number, number]>;
  };

  constructor(options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 leaves WAL at NORMAL, which can lose acknowledged commits on power loss.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.appended.setMaxListeners(0);
    this.stmt = {
      head: this.db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      byEventId: this.db.prepare('SELECT stream_id AS streamId, revision, position FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      lastRecordedAt: this.db.prepare(`SELECT json_extract(metadata, '$.recordedAt') AS recordedAt FROM events ORDER BY position DESC LIMIT 1`),
      headPosition: this.db.prepare('SELECT position FROM events ORDER BY position DESC LIMIT 1'),
      readAll: this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
      readForwards: this.db
        .prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`)
        .raw(),
      readBackwards: this.db
        .prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
        .raw(),
    };
    this.lastRecordedAt = this.stmt.lastRecordedAt.get()?.recordedAt ?? '';
    // A nested transaction is a savepoint: a refused append rolls back alone, the batch commits.
    this.appendOne = this.db.transaction((pending: PendingAppend) => this.appendInTransaction(pending));
    const commitBatch = this.db.transaction((batch: readonly PendingAppend[]) =>
      batch.map((pending): AppendOutcome => {
        try {
          return { ok: true, result: this.appendOne(pending) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    const commitOne = this.db.transaction((pending: PendingAppend): AppendOutcome[] => [
      { ok: true, result: this.appendInTransaction(pending) },
    ]);
    // A lone append needs no savepoint: if it is refused, its whole transaction rolls back.
    this.commitBatch = (batch) => {
      if (batch.length > 1) return commitBatch.immediate(batch);
      try {
        return commitOne.immediate(batch[0]!);
      } catch (error) {
        if (isSqliteFailure(error)) throw error;
        return [{ ok: false, error }];
      }
    };
  }

  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    try {
      checkAppendRequest(streamId, events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expectedRevision: options.expectedRevision ?? 'any', resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued append in one transaction; a refused append leaves the others intact. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const recordedAtBefore = this.lastRecordedAt;
    let outcomes: AppendOutcome[];
    const started = performance.now();
    try {
      outcomes = this.commitBatch(batch);
    } catch (error) {
      this.lastRecordedAt = recordedAtBefore;
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok)) this.appended.emit('append');
    const events = batch.reduce((sum, pending, i) => sum + (outcomes[i]!.ok ? pending.events.length : 0), 0);
    this.appended.emit('commit', { appends: batch.length, events, seconds: (performance.now() - started) / 1000 } satisfies GroupCommit);
  }

  /** Called after every committed transaction, e.g. for the group-commit batch size metric; returns the unsubscribe. */
  onGroupCommit(listener: (commit: GroupCommit) => void): () => void {
    this.appended.on('commit', listener);
    return () => this.appended.off('commit', listener);
  }

  private appendInTransaction(pending: PendingAppend): AppendResult {
    const { streamId, events, expectedRevision } = pending;
    // Time-ordered ids keep the unique index growing at one end.
    const eventIds = events.map((e) => e.eventId ?? uuidv7());
    const replayed = this.findIdempotentReplay(streamId, eventIds);
    if (replayed) return replayed;

    const head = this.stmt.head.get(streamId);
    const current = head ? BigInt(head.revision) : -1n;
    checkExpectedRevision(streamId, expectedRevision, current);

    const recordedAt = this.nextRecordedAt();
    let prevHash = head?.hash ?? GENESIS_HASH;
    let revision = head ? head.revision : -1;
    let position = 0;
    events.forEach((event, i) => {
      revision++;
      const data = canonicalJson(event.data);
      const metadata = sealEvent(
        prevHash,
        { eventId: eventIds[i]!, streamId, revision, type: event.type, data: event.data, metadata: { ...event.metadata, recordedAt } },
        data,
      );
      prevHash = metadata.hash as string;
      const info = this.stmt.insert.run(eventIds[i], streamId, revision, event.type, data, JSON.stringify(metadata), prevHash);
      position = Number(info.lastInsertRowid);
    });
    return { nextExpectedRevision: BigInt(revision), position: String(position), eventId: eventIds[eventIds.length - 1]! };
  }

  /**
   * As EventStoreDB: appending events whose ids are already stored, in the same stream and order,
   * returns the first append's result and writes nothing. A partial or foreign overlap is refused.
   */
  private findIdempotentReplay(streamId: string, eventIds: readonly string[]): AppendResult | undefined {
    if (new Set(eventIds).size !== eventIds.length) {
      throw new DuplicateEventIdError(eventIds.find((id, i) => eventIds.indexOf(id) !== i)!, 'appears twice in one append');
    }
    const found = eventIds.map((id) => this.stmt.byEventId.get(id));
    if (found.every((row) => row === undefined)) return undefined;
    const first = found[0];
    const sameWrite =
      first !== undefined &&
      found.every((row, i) => row !== undefined && row.streamId === streamId && row.revision === first.revision + i);
    if (!sameWrite) {
      const clash = eventIds[found.findIndex((row) => row !== undefined)]!;
      throw new DuplicateEventIdError(clash, 'is already stored as part of another append');
    }
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: BigInt(last.revision), position: String(last.position), eventId: eventIds[eventIds.length - 1]! };
  }

  /** Server time, never earlier than the last recorded event, so `recordedAt` follows log order. */
  private nextRecordedAt(): string {
    const now = this.now().toISOString();
    this.lastRecordedAt = now > this.lastRecordedAt ? now : this.lastRecordedAt;
    return this.lastRecordedAt;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamId(streamId);
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.stmt.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount)
        : this.stmt.readForwards.all(streamId, options.fromRevision ?? 0, maxCount);
    return (rows as Row[]).map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readAllSync(options.fromPosition, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  private readAllSync(fromPosition: string | undefined, maxCount: number): StoredEvent[] {
    let after = fromPosition === undefined ? 0 : parsePosition(fromPosition);
    const events: StoredEvent[] = [];
    // all() fetches rows in one call into native code, where iterate() crosses into it once per
    // row; chunk by chunk, so a large page never holds all its raw rows beside their parsed events.
    while (events.length < maxCount) {
      const chunk = Math.min(PAGE, maxCount - events.length);
      const rows = this.stmt.readAll.all(after, chunk) as Row[];
      for (const row of rows) events.push(toStoredEvent(row));
      if (rows.length < chunk) break;
      after = rows[rows.length - 1]![0];
    }
    return events;
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    if (options.fromPosition !== undefined) parsePosition(options.fromPosition);
    return catchUpSubscription({
      fromPosition: options.fromPosition,
      readPage: async (after) => this.readAllSync(after, PAGE),
      onAppended: (listener) => {
        this.appended.on('append', listener);
        return () => this.appended.off('append', listener);
      },
      pollIntervalMs: this.pollIntervalMs,
    });
  }

  async headPosition(): Promise<string | undefined> {
    const row = this.stmt.headPosition.get();
    return row ? String(row.position) : undefined;
  }

  comparePositions(a: string, b: string): number {
    return Math.sign(parsePosition(a) - parsePosition(b));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Let appends already queued commit before the file is closed.
    if (this.flushScheduled) this.flush();
    this.appended.emit('close');
    this.appended.removeAllListeners();
    this.db.close();
  }
}


function parsePosition(position: string): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(position)) throw new RangeError(`not a position of this store: ${position}`);
  return Number(position);
}

export function toStoredEvent(row: Row): StoredEvent {
  const metadata = JSON.parse(row[6]) as JsonObject;
  return {
    eventId: row[1],
    type: row[4],
    data: JSON.parse(row[5]),
    metadata,
    streamId: row[2],
    revision: row[3],
    position: String(row[0]),
    recordedAt: metadata.recordedAt as string,
  };
}

/** A failure of the database itself (disk full, I/O), as opposed to a refused append. */
function isSqliteFailure(error: unknown): boolean {
  return error instanceof Database.SqliteError;
}

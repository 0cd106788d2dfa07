import { setTimeout as sleep } from 'node:timers/promises';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type Direction,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import { InvalidStreamIdError, WrongExpectedRevisionError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeAllOptions,
  Subscription,
} from '../event-store.port.js';
import { checkExpectedRevision } from '../expected-revision.js';
import { checkAppendable } from '../../core/agreement-contract.js';
import { GENESIS_HASH, sealEvent } from '../../core/hash-chain.js';
import { assertStreamId } from '../stream-id.js';
import { assertDistinctIds, idempotentReplay, withEventId, type PendingEvent } from './eventstoredb-pending-events.js';
import {
  comparePosition,
  formatPosition,
  isOwnEvent,
  parsePosition,
  toHead,
  toStoredEvent,
  type StreamHead,
} from './eventstoredb-records.js';
import { subscribeToOwnEvents } from './eventstoredb-subscription.js';

interface CommonOptions {
  /** Only streams starting with this prefix belong to the store; $all is filtered on it. */
  readonly streamPrefix?: string;
  /** Client time for `recordedAt` (EventStoreDB's own `created` is not part of the hashed event). */
  readonly now?: () => Date;
}

/** Either a connection string (`esdb://…`) or a client the store takes over: `close()` disposes it. */
export type EventStoreDbEventStoreOptions = CommonOptions &
  ({ readonly connectionString: string } | { readonly client: EventStoreDBClient });

const DEFAULT_PREFIX = 'agreement-';
/** Appends that keep losing the race for the stream head give up after this many tries. */
const MAX_APPEND_ATTEMPTS = 20;
/** Raw $all records per read; $all is filtered on this side, so a page may hold few of ours. */
const ALL_PAGE = 512;
/** Events per page when scanning a stream for the ids of a possibly replayed append. */
const STREAM_SCAN_PAGE = 256;
const NO_HEAD: StreamHead = { revision: -1, hash: GENESIS_HASH, recordedAt: '' };

/**
 * The clustered store: EventStoreDB (or KurrentDB) over gRPC. The hash chain is computed here, so
 * every append reads the stream head first and then appends with exactly that head as the
 * expected revision: the server refuses the write if anyone appended in between, which makes the
 * chain computation and the write atomic. Positions are `"<commit>/<prepare>"` of the $all log.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly prefix: string;
  private readonly now: () => Date;
  /** Appends to one stream from this process run one after another instead of racing the server. */
  private readonly streamQueues = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<Subscription>();
  private lastRecordedAt = '';
  private closed = false;

  static fromConnectionString(connectionString: string, options: CommonOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore({ ...options, connectionString });
  }

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = 'client' in options ? options.client : EventStoreDBClient.connectionString(options.connectionString);
    this.prefix = options.streamPrefix ?? DEFAULT_PREFIX;
    this.now = options.now ?? (() => new Date());
    if (this.prefix.length === 0 || this.prefix.startsWith('$')) {
      throw new RangeError(`stream prefix must be non-empty and not a system prefix: '${this.prefix}'`);
    }
  }

  async append(streamId: string, events: readonly EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    this.assertOwnStream(streamId);
    if (events.length === 0) throw new RangeError('append needs at least one event');
    // The log is append-only: an event that breaks its stream's contract never gets in.
    for (const event of events) checkAppendable(streamId, event);
    const pending = events.map(withEventId);
    assertDistinctIds(pending);
    const expected = options.expectedRevision ?? 'any';
    return this.oneAtATime(streamId, () => this.appendToHead(streamId, pending, expected));
  }

  /**
   * Reads the head, checks the caller's expectation against it, appends at exactly that head.
   * Losing the race to another writer (another process) means re-reading the head and trying again:
   * an exact expectation then fails the check with the actual revision, 'any' and 'exists' go on.
   */
  private async appendToHead(
    streamId: string,
    events: readonly PendingEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const { head, stored } = await this.inspectStream(streamId, events);
      const replayed = idempotentReplay(events, stored);
      if (replayed) return replayed;
      checkExpectedRevision(streamId, expected, BigInt(head.revision));
      const result = await this.appendAt(streamId, head, events);
      if (result) return result;
      if (attempt === MAX_APPEND_ATTEMPTS) {
        const { head: actual } = await this.inspectStream(streamId, []);
        throw new WrongExpectedRevisionError(streamId, expected, BigInt(actual.revision));
      }
      await sleep(Math.random() * 5 * attempt);
    }
  }

  /** Seals the events onto the chain after `head` and writes them; undefined when the head moved. */
  private async appendAt(
    streamId: string,
    head: StreamHead,
    events: readonly PendingEvent[],
  ): Promise<AppendResult | undefined> {
    const recordedAt = this.nextRecordedAt(head.recordedAt);
    let prevHash = head.hash;
    let revision = head.revision;
    const sealed = events.map((event) => {
      revision++;
      const metadata = sealEvent(prevHash, {
        eventId: event.eventId,
        streamId,
        revision,
        type: event.type,
        data: event.data,
        metadata: { ...event.metadata, recordedAt },
      });
      prevHash = metadata.hash as string;
      return jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata });
    });
    try {
      const written = await this.client.appendToStream(streamId, sealed, {
        expectedRevision: head.revision < 0 ? NO_STREAM : BigInt(head.revision),
      });
      // success is false only when the connection string sets throwOnAppendFailure=false.
      if (!written.success) return undefined;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return undefined;
      throw error;
    }
    // Read the last event back rather than trusting the append response's position: it is the
    // position reads report for that event, so the result equals what readStream/readAll show.
    const [last] = await this.readStreamEvents(streamId, FORWARDS, BigInt(revision), 1);
    if (!last) throw new Error(`stream ${streamId}: revision ${revision} was acknowledged but cannot be read`);
    return { nextExpectedRevision: BigInt(last.revision), position: last.position, eventId: last.eventId };
  }

  /**
   * The head (backwards, one event) and, when the caller chose event ids, the stored events that
   * carry them: the stream is scanned backwards until all are found or it ends. Only this stream
   * is searched — EventStoreDB has no index by event id, so the same id in another stream cannot
   * be detected without an extra write per event (see DuplicateEventIdError in the port).
   */
  private async inspectStream(
    streamId: string,
    events: readonly PendingEvent[],
  ): Promise<{ head: StreamHead; stored: Map<string, StoredEvent> }> {
    const wanted = new Set(events.filter((e) => e.callerId).map((e) => e.eventId));
    const pageSize = wanted.size === 0 ? 1 : STREAM_SCAN_PAGE;
    const stored = new Map<string, StoredEvent>();
    let head: StreamHead | undefined;
    let from: ReadRevision = END;
    for (;;) {
      const page = await this.readStreamEvents(streamId, BACKWARDS, from, pageSize);
      head ??= page[0] ? toHead(page[0]) : NO_HEAD;
      for (const event of page) if (wanted.has(event.eventId)) stored.set(event.eventId, event);
      const oldest = page[page.length - 1];
      if (stored.size === wanted.size || page.length < pageSize || !oldest || oldest.revision === 0) break;
      from = BigInt(oldest.revision - 1);
    }
    return { head, stored };
  }

  /** Client time, never earlier than the stream's head nor this process's last append. */
  private nextRecordedAt(headRecordedAt: string): string {
    const now = this.now().toISOString();
    const floor = headRecordedAt > this.lastRecordedAt ? headRecordedAt : this.lastRecordedAt;
    this.lastRecordedAt = now > floor ? now : floor;
    return this.lastRecordedAt;
  }

  /** Chains `work` after the previous append to the same stream, whatever its outcome. */
  private oneAtATime<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.streamQueues.get(streamId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.streamQueues.set(streamId, tail);
    void tail.then(() => {
      if (this.streamQueues.get(streamId) === tail) this.streamQueues.delete(streamId);
    });
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    this.assertOwnStream(streamId);
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    if (options.direction !== 'backwards') {
      return this.readStreamEvents(streamId, FORWARDS, BigInt(Math.max(0, options.fromRevision ?? 0)), maxCount);
    }
    if (options.fromRevision === undefined) return this.readStreamEvents(streamId, BACKWARDS, END, maxCount);
    if (options.fromRevision < 0) return [];
    // A backwards read from beyond the last event may come back empty: start at the head instead.
    const { head } = await this.inspectStream(streamId, []);
    const from = Math.min(options.fromRevision, head.revision);
    return from < 0 ? [] : this.readStreamEvents(streamId, BACKWARDS, BigInt(from), maxCount);
  }

  private async readStreamEvents(
    streamId: string,
    direction: Direction,
    fromRevision: ReadRevision,
    maxCount: number,
  ): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction, fromRevision, maxCount })) {
        if (resolved.event) events.push(toStoredEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * This client version cannot filter a $all read on the server (only subscriptions can), so
   * pages of raw records are read and filtered here; maxCount counts the events returned.
   * The client's read is inclusive of its start, the port's is exclusive: records at or before the
   * last one seen are skipped, which also drops the overlap between consecutive pages.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    let seen = options.fromPosition === undefined ? undefined : parsePosition(options.fromPosition);
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: StoredEvent[] = [];
    let from: ReadPosition = seen ?? START;
    while (events.length < maxCount) {
      const page = await this.readAllPage(FORWARDS, from);
      for (const record of page) {
        if (seen && comparePosition(record.position, seen) <= 0) continue;
        seen = record.position;
        if (isOwnEvent(record, this.prefix)) events.push(toStoredEvent(record));
        if (events.length === maxCount) break;
      }
      const last = page[page.length - 1];
      if (page.length < ALL_PAGE || !last) break;
      from = last.position;
    }
    return events;
  }

  async headPosition(): Promise<string | undefined> {
    this.assertOpen();
    let seen: Position | undefined;
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(BACKWARDS, from);
      for (const record of page) {
        if (seen && comparePosition(record.position, seen) >= 0) continue;
        seen = record.position;
        if (isOwnEvent(record, this.prefix)) return formatPosition(record.position);
      }
      const last = page[page.length - 1];
      if (page.length < ALL_PAGE || !last) return undefined;
      from = last.position;
    }
  }

  private async readAllPage(direction: Direction, fromPosition: ReadPosition): Promise<AllStreamRecord[]> {
    const records: AllStreamRecord[] = [];
    for await (const resolved of this.client.readAll({ direction, fromPosition, maxCount: ALL_PAGE })) {
      if (resolved.event) records.push(resolved.event);
    }
    return records;
  }

  /** A catch-up subscription on $all from an exclusive start position; see eventstoredb-subscription.ts. */
  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    this.assertOpen();
    const fromPosition = options.fromPosition === undefined ? undefined : parsePosition(options.fromPosition);
    const subscription = subscribeToOwnEvents({
      client: this.client,
      prefix: this.prefix,
      fromPosition,
      onEnd: (ended) => this.subscriptions.delete(ended),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  comparePositions(a: string, b: string): number {
    return comparePosition(parsePosition(a), parsePosition(b));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Let appends already accepted finish before the connection goes.
    await Promise.allSettled([...this.streamQueues.values()]);
    await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }

  /** Streams outside the prefix would be invisible to readAll and subscribeAll, so they are refused. */
  private assertOwnStream(streamId: string): void {
    assertStreamId(streamId);
    if (!streamId.startsWith(this.prefix)) {
      throw new InvalidStreamIdError(`stream id ${streamId} does not start with this store's prefix '${this.prefix}'`);
    }
  }
}

type AllStreamRecord = NonNullable<AllStreamResolvedEvent['event']>;

/**
 * The event store port, shaped after EventStoreDB so both adapters map onto it one to one.
 * Revisions count from 0 within a stream. Positions are opaque strings: compare them only
 * with {@link EventStore.comparePositions}.
 */
import type { EventToAppend, StoredEvent } from '../core/stored-event.js';

export type { JsonObject, JsonValue } from '../core/json.js';
export type { EventToAppend, StoredEvent } from '../core/stored-event.js';

/** 'no-stream': the stream must not exist; 'exists': it must; a bigint: its last revision must be exactly that. */
export type ExpectedRevision = 'any' | 'no-stream' | 'exists' | bigint;

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append: the next append's expected revision. */
  readonly nextExpectedRevision: bigint;
  /** The position of the last event appended. */
  readonly position: string;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Absent = from the beginning of the log. */
  readonly fromPosition?: string;
  readonly maxCount?: number;
}

export interface SubscribeAllOptions {
  /** Exclusive, as in readAll. Absent = the whole log, then live. */
  readonly fromPosition?: string;
}

/** A catch-up subscription: an async iterable of events in log order; `close()` ends it. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'eventstoredb';
  append(streamId: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  /** The position of the log's last event, or undefined when the log is empty. */
  headPosition(): Promise<string | undefined>;
  comparePositions(a: string, b: string): number;
  close(): Promise<void>;
}

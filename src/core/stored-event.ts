import type { JsonObject } from './json.js';

/** One event as a store hands it back: the shape every adapter produces and `decode` reads. */
export interface StoredEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  /** The writer's metadata plus the store's `recordedAt`, `hashVersion`, `prevHash` and `hash`, as hashed. */
  readonly metadata: JsonObject;
  readonly streamId: string;
  /** From 0 within the stream, as in EventStoreDB. */
  readonly revision: number;
  /** Opaque: compare positions only with the store's `comparePositions`. */
  readonly position: string;
  /** `metadata.recordedAt`, lifted out because every reader needs it. */
  readonly recordedAt: string;
}

/** One event as a writer hands it to a store. */
export interface EventToAppend {
  /** UUID; generated when absent. Re-appending the same ids is an idempotent no-op. */
  readonly eventId?: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

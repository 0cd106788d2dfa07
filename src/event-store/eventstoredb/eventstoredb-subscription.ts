import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeadlineExceededError,
  NotLeaderError,
  START,
  TimeoutError,
  UnavailableError,
  streamNameFilter,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import type { StoredEvent, Subscription } from '../event-store.port.js';
import { comparePosition, isOwnEvent, toStoredEvent } from './eventstoredb-records.js';

/** Consecutive transient failures a subscription survives by resubscribing from its last event. */
const MAX_RESUBSCRIBES = 5;

export interface AllSubscriptionOptions {
  readonly client: EventStoreDBClient;
  /** The store's stream prefix: the server filters $all on it. */
  readonly prefix: string;
  /** Exclusive: only events after this position are yielded; undefined starts at the beginning. */
  readonly fromPosition: Position | undefined;
  /** Called when the subscription ends (closed, failed or iterated to the end), so its owner forgets it. */
  readonly onEnd: (subscription: Subscription) => void;
}

/**
 * A server-side catch-up subscription on $all, filtered on the prefix: the server does the
 * catch-up → live handover. Events at or before the last one yielded are skipped, so a start
 * position is exclusive and a resubscription after a dropped connection yields no duplicate.
 */
export function subscribeToOwnEvents({ client, prefix, fromPosition, onEnd }: AllSubscriptionOptions): Subscription {
  let source: AllStreamSubscription | undefined;
  let closed = false;

  async function stopSource(): Promise<void> {
    const current = source;
    source = undefined;
    if (!current) return;
    // The client re-emits late gRPC errors; with no listener left they would crash the process.
    current.on('error', () => undefined);
    await current.unsubscribe();
    current.destroy();
  }

  async function* events(): AsyncGenerator<StoredEvent> {
    let last = fromPosition;
    let failures = 0;
    try {
      while (!closed) {
        // A subscription the server completes although nobody closed it counts as a drop.
        let failure: unknown = new UnavailableError(undefined, 'the server ended the subscription');
        try {
          const current = client.subscribeToAll({
            fromPosition: last ?? START,
            filter: streamNameFilter({ prefixes: [prefix] }),
          });
          source = current;
          for await (const resolved of current) {
            const record = resolved.event;
            if (!record || (last && comparePosition(record.position, last) <= 0)) continue;
            last = record.position;
            failures = 0;
            if (isOwnEvent(record, prefix)) yield toStoredEvent(record);
          }
        } catch (error) {
          failure = error;
        } finally {
          await stopSource();
        }
        if (closed) return;
        if (!isTransient(failure) || ++failures > MAX_RESUBSCRIBES) throw failure;
        await sleep(100 * failures);
      }
    } finally {
      onEnd(subscription);
    }
  }

  const iterator = events();
  let iterated = false;
  const subscription: Subscription = {
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error('a subscription can be iterated once');
      iterated = true;
      return iterator;
    },
    async close() {
      closed = true;
      await stopSource();
      await iterator.return(undefined);
      onEnd(subscription);
    },
  };
  return subscription;
}

/** Connection-level failures a subscription recovers from by resubscribing where it left off. */
function isTransient(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError
  );
}

import type { StoredEvent, Subscription } from './event-store.port.js';

export interface CatchUpSource {
  readonly fromPosition: string | undefined;
  /** Events strictly after `after` (or from the start), in log order; empty when caught up. */
  readonly readPage: (after: string | undefined) => Promise<StoredEvent[]>;
  /** Registers a listener called after each local commit; returns the unregister function. */
  readonly onAppended: (listener: () => void) => () => void;
  /** Fallback for commits this process is not told about (another process on the same file). */
  readonly pollIntervalMs: number;
}

/**
 * Catch-up, then live, from one loop: read pages after the last position seen until a page comes
 * back empty, then wait for a commit signal (or the poll timer) and read again. Reading the log
 * itself, never a separate live buffer, is what rules out a gap or a duplicate at the handover.
 */
export function catchUpSubscription(source: CatchUpSource): Subscription {
  let closed = false;
  let signalled = false;
  let wake: (() => void) | undefined;
  const unregister = source.onAppended(() => {
    signalled = true;
    wake?.();
  });

  async function* events(): AsyncGenerator<StoredEvent> {
    let after = source.fromPosition;
    try {
      while (!closed) {
        signalled = false;
        const page = await source.readPage(after);
        for (const event of page) {
          if (closed) return;
          after = event.position;
          yield event;
        }
        // Yield to the event loop between pages: a long catch-up must not starve the server.
        if (page.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        if (page.length > 0 || signalled || closed) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, source.pollIntervalMs);
          function done(): void {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          }
          wake = done;
        });
      }
    } finally {
      unregister();
    }
  }

  const iterator = events();
  let iterated = false;
  return {
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error('a subscription can be iterated once');
      iterated = true;
      return iterator;
    },
    async close() {
      closed = true;
      wake?.();
      unregister();
      await iterator.return(undefined);
    },
  };
}

import type { ExpectedRevision } from './event-store.port.js';

/** The stream was not at the revision the caller expected (EventStoreDB's WrongExpectedVersion). */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision; -1n when it does not exist. */
    readonly actual: bigint,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual === -1n ? 'no stream' : String(actual)}`);
  }
}

/** Event ids are unique across the log; an id reused for different events is refused. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly eventId: string, detail: string) {
    super(`event id ${eventId} ${detail}`);
  }
}

export class InvalidStreamIdError extends Error {
  override readonly name = 'InvalidStreamIdError';
}

import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError } from '../errors.js';
import type { AppendResult, EventToAppend, StoredEvent } from '../event-store.port.js';

/** An event ready to send: its id fixed, so a retried attempt sends the same ids. */
export interface PendingEvent extends EventToAppend {
  readonly eventId: string;
  /** The caller chose the id, so it may already be stored (a replayed append). */
  readonly callerId: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function withEventId(event: EventToAppend): PendingEvent {
  if (event.eventId === undefined) return { ...event, eventId: randomUUID(), callerId: false };
  // EventStoreDB stores ids as UUIDs and returns them in lower case.
  if (!UUID.test(event.eventId)) throw new RangeError(`event id must be a UUID: ${event.eventId}`);
  return { ...event, eventId: event.eventId.toLowerCase(), callerId: true };
}

export function assertDistinctIds(events: readonly PendingEvent[]): void {
  const ids = events.map((e) => e.eventId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new DuplicateEventIdError(repeated, 'appears twice in one append');
}

/**
 * As the SQLite adapter: a batch whose ids are all stored in this stream, at consecutive revisions
 * in the same order, is a replay and returns the first append's result. Any other overlap is refused.
 */
export function idempotentReplay(events: readonly PendingEvent[], stored: Map<string, StoredEvent>): AppendResult | undefined {
  if (stored.size === 0) return undefined;
  const found = events.map((e) => stored.get(e.eventId));
  const first = found[0];
  const sameWrite = first !== undefined && found.every((e, i) => e !== undefined && e.revision === first.revision + i);
  if (!sameWrite) {
    const clash = events.find((e) => stored.has(e.eventId))!;
    throw new DuplicateEventIdError(clash.eventId, 'is already stored as part of another append');
  }
  const last = found[found.length - 1]!;
  return { nextExpectedRevision: BigInt(last.revision), position: last.position, eventId: last.eventId };
}

import type { Position, RecordedEvent } from '@eventstore/db-client';
import type { JsonObject, StoredEvent } from '../event-store.port.js';

/** The stream's last event as the hash chain needs it; revision -1 when the stream does not exist. */
export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
  readonly recordedAt: string;
}

const POSITION = /^(0|[1-9][0-9]{0,19})\/(0|[1-9][0-9]{0,19})$/;

/** Our streams only, and never a system event ($metadata, links) even inside them. */
export function isOwnEvent(record: RecordedEvent, prefix: string): boolean {
  return record.streamId.startsWith(prefix) && !record.type.startsWith('$');
}

export function toHead(event: StoredEvent): StreamHead {
  const hash = event.metadata.hash;
  if (typeof hash !== 'string') {
    throw new Error(`stream ${event.streamId}: revision ${event.revision} has no hash; it was not written by this store`);
  }
  return { revision: event.revision, hash, recordedAt: event.recordedAt };
}

export function toStoredEvent(record: RecordedEvent): StoredEvent {
  const where = `event ${record.id} in ${record.streamId}@${String(record.revision)}`;
  if (!record.isJson || !isJsonObject(record.data) || !isJsonObject(record.metadata)) {
    throw new Error(`${where} is not a JSON event with JSON metadata`);
  }
  const recordedAt = record.metadata.recordedAt;
  if (typeof recordedAt !== 'string') throw new Error(`${where} has no recordedAt`);
  // Stream reads carry positions from EventStoreDB 22.6 on; older servers send none (or 0/0,
  // where no event can be: the log starts with the server's own records).
  if (!record.position || (record.position.commit === 0n && record.position.prepare === 0n)) {
    throw new Error(`${where} came without a log position (server older than 22.6?)`);
  }
  return {
    eventId: record.id,
    type: record.type,
    data: record.data,
    metadata: record.metadata,
    streamId: record.streamId,
    revision: Number(record.revision),
    position: formatPosition(record.position),
    recordedAt,
  };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Positions are `"<commit>/<prepare>"` of the $all log. */
export function formatPosition(position: Position): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(position: string): Position {
  const match = typeof position === 'string' ? POSITION.exec(position) : null;
  if (!match) throw new RangeError(`not a position of this store: ${position}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** $all order: by commit position, then by prepare position within a commit. */
export function comparePosition(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

import { InvalidStreamIdError } from './errors.js';

const MAX_STREAM_ID_LENGTH = 200;

/** Stream ids are ours: non-empty, bounded, and never an EventStoreDB system stream (`$…`). */
export function assertStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidStreamIdError(`stream id must be 1–${MAX_STREAM_ID_LENGTH} characters`);
  }
  if (streamId.startsWith('$')) throw new InvalidStreamIdError(`stream id ${streamId} is reserved`);
}

/** The category of a stream, as EventStoreDB's $by_category: the part before the first dash. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

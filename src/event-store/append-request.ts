import { checkAppendable } from '../core/agreement-contract.js';
import type { EventToAppend } from './event-store.port.js';
import { assertStreamId } from './stream-id.js';

/**
 * What every store checks before an append joins its queue: a stream id of ours, at least one
 * event, and each event within its stream's contract — the log is append-only, so an event that
 * breaks the contract must never get in.
 */
export function checkAppendRequest(streamId: string, events: readonly EventToAppend[]): void {
  assertStreamId(streamId);
  if (events.length === 0) throw new RangeError('append needs at least one event');
  for (const event of events) checkAppendable(streamId, event);
}

import { WrongExpectedRevisionError } from './errors.js';
import type { ExpectedRevision } from './event-store.port.js';

/** The one reading of an expected revision both adapters share; `current` is -1n for no stream. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: bigint): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && current === -1n) ||
    (expected === 'exists' && current >= 0n) ||
    (typeof expected === 'bigint' && expected === current);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current);
}

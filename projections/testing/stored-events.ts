import { encodeAgreementEvent } from '../../src/core/agreement-contract.js';
import { GENESIS_HASH, sealEvent } from '../../src/core/hash-chain.js';
import type { StoredEvent } from '../../src/core/stored-event.js';
import type { RecordedEvent } from '../recorded-event.js';

/** Recorded events as a store would hand them back: encoded by the contract and sealed onto one chain. */
export function storedEvents(streamId: string, recorded: readonly RecordedEvent[]): StoredEvent[] {
  let prevHash = GENESIS_HASH;
  return recorded.map(({ event, revision, position, recordedAt }) => {
    const { type, data, metadata } = encodeAgreementEvent(event, { actor: 'test' });
    const eventId = `${streamId}-${revision}`;
    const sealed = sealEvent(prevHash, { eventId, streamId, revision, type, data, metadata: { ...metadata, recordedAt } });
    prevHash = sealed.hash as string;
    return { eventId, type, data, metadata: sealed, streamId, revision, position, recordedAt };
  });
}

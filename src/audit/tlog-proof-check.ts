import { HASH_VERSION, eventHash } from '../core/hash-chain.js';
import type { JsonObject } from '../core/json.js';
import { inclusionProblem } from '../core/merkle-proofs.js';
import { eventLeafHash } from '../core/merkle-tree.js';
import { NoteVerificationError } from '../core/signed-note.js';
import { openSignedCheckpoint } from '../core/signed-checkpoint.js';
import type { StoredEvent } from '../core/stored-event.js';
import type { TlogProof } from '../core/tlog-proof.js';

/**
 * `ledger prove --verify`: a c2sp.org/tlog-proof@v1 checked offline. First the checkpoint it
 * carries (signed by the pinned log key, its origin the key's name), then the inclusion of the
 * event's leaf under the checkpoint's root.
 */
export interface ProofVerdict {
  readonly valid: boolean;
  readonly index: number;
  readonly treeSize: number | null;
  readonly eventHash: string;
  readonly reason?: string;
}

/** An event's hash (format 2) computed from its content; its metadata's `hash` is never read. */
export function contentHash(event: Pick<StoredEvent, 'eventId' | 'streamId' | 'revision' | 'type' | 'data' | 'metadata'>): string {
  const { hash: _claimed, ...unsealed } = event.metadata as JsonObject;
  if (unsealed.hashVersion !== HASH_VERSION) throw new RangeError(`unknown hashVersion ${JSON.stringify(unsealed.hashVersion ?? null)}`);
  if (typeof unsealed.prevHash !== 'string') throw new RangeError('the event\'s metadata has no prevHash');
  const { eventId, streamId, revision, type, data } = event;
  return eventHash({ eventId, streamId, revision, type, data, prevHash: unsealed.prevHash, metadata: unsealed });
}

export function checkTlogProof(proof: TlogProof, logKey: string, eventHashHex: string): ProofVerdict {
  const base = { index: proof.index, eventHash: eventHashHex };
  let checkpoint;
  try {
    checkpoint = openSignedCheckpoint(proof.checkpoint, logKey);
  } catch (error) {
    if (!(error instanceof NoteVerificationError)) throw error;
    return { valid: false, ...base, treeSize: null, reason: `the checkpoint: ${error.message}` };
  }
  const reason = inclusionProblem(proof.index, checkpoint.treeSize, eventLeafHash(eventHashHex), proof.proof, checkpoint.rootHash);
  return { valid: reason === undefined, ...base, treeSize: checkpoint.treeSize, ...(reason !== undefined && { reason: `the inclusion proof: ${reason}` }) };
}

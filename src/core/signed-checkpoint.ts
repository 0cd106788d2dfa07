import { NoteVerificationError, ed25519Verifier, parseVerifierKey, verifyNote } from './signed-note.js';
import { parseCheckpoint, type Checkpoint } from './tlog-checkpoint.js';

/**
 * A log's signed checkpoint, opened the way an auditor or a witness must: signed by the pinned
 * log key, and naming that key's name as its origin (a key signs for one log only).
 * Throws NoteFormatError for a malformed note or key, NoteVerificationError for a bad signature.
 */
export function openSignedCheckpoint(note: string, logKey: string): Checkpoint {
  const key = parseVerifierKey(logKey);
  const { note: parsed } = verifyNote(note, [ed25519Verifier(key)]);
  const checkpoint = parseCheckpoint(parsed.text);
  if (checkpoint.origin !== key.name) {
    throw new NoteVerificationError(`the checkpoint's origin ${JSON.stringify(checkpoint.origin)} is not the key's name ${JSON.stringify(key.name)}`);
  }
  return checkpoint;
}

/**
 * Two checkpoints of one size with different roots: proof that the log showed two histories
 * (it never signs two roots for one size). Returns the size, or undefined when they agree.
 */
export function forkedSize(checkpoints: readonly Checkpoint[]): number | undefined {
  const rootBySize = new Map<number, Buffer>();
  for (const { treeSize, rootHash } of checkpoints) {
    const seen = rootBySize.get(treeSize);
    if (seen !== undefined && !seen.equals(rootHash)) return treeSize;
    rootBySize.set(treeSize, rootHash);
  }
  return undefined;
}

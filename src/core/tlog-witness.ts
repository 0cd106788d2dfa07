import { consistencyProblem } from './merkle-proofs.js';
import type { Checkpoint } from './tlog-checkpoint.js';

/**
 * A witness's rule (C2SP tlog-witness): a log's new checkpoint is cosigned only when it extends
 * the last one this witness cosigned for that log — never smaller (a rollback), never another
 * root for the same size (a fork), and a larger one only with a consistency proof from the old
 * size to the new. The checkpoint's signature by the pinned log key is checked before this.
 */

/** Whether a consistency proof from `previous` is needed to judge `next` (none from the empty tree or for the same size). */
export function needsConsistencyProof(previous: Checkpoint | undefined, next: Checkpoint): previous is Checkpoint {
  return previous !== undefined && previous.treeSize > 0 && next.treeSize > previous.treeSize;
}

/** Why `next` must not be cosigned after `previous`, or undefined when it extends it. */
export function witnessProblem(previous: Checkpoint | undefined, next: Checkpoint, proof: readonly Uint8Array[]): string | undefined {
  if (previous === undefined) return undefined;
  if (next.origin !== previous.origin) return `the checkpoint is of ${next.origin}, the witness's state of ${previous.origin}`;
  if (next.treeSize < previous.treeSize) {
    return `the log's checkpoint of size ${next.treeSize} is smaller than the one this witness cosigned (${previous.treeSize}): the log was rolled back`;
  }
  if (previous.treeSize === 0) return undefined;
  const problem = consistencyProblem(previous.treeSize, next.treeSize, previous.rootHash, next.rootHash, proof);
  return problem && `the checkpoint of size ${next.treeSize} does not extend the one of size ${previous.treeSize} this witness cosigned (${problem}): the log's history was rewritten`;
}

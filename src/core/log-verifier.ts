import { GENESIS_HASH, linkProblem } from './hash-chain.js';
import { compareParsedPositions, parseLogPosition } from './log-position.js';
import { InMemoryTreeStorage, MerkleTree, eventLeafHash } from './merkle-tree.js';
import type { StoredEvent } from './stored-event.js';
import { isAgreementStream } from './stream-names.js';

/**
 * Checks a log read from outside (an export), one event at a time in the order it is read:
 * positions strictly increasing; per stream, revisions contiguous from 0 and a hash chain from
 * 64 zeros; every hash recomputed from its event's content. Meanwhile it builds the ledger tree
 * over the events it accepted, so the root at any size can be set beside a signed checkpoint.
 */
export class LogVerifier {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private readonly tree = new MerkleTree(new InMemoryTreeStorage());
  private lastPosition?: readonly bigint[];

  /** Events accepted so far: the ledger tree's size. */
  get events(): number {
    return this.tree.size;
  }

  get streams(): number {
    return this.heads.size;
  }

  /** Why the next event does not continue the log, or undefined when it does (and is then taken in). */
  add(event: StoredEvent): string | undefined {
    if (!isAgreementStream(event.streamId)) return `${event.streamId} is not an agreement stream; exports hold agreement events only`;
    const position = parseLogPosition(event.position);
    if (position === undefined) return `position ${JSON.stringify(event.position)} is in no store's form`;
    if (this.lastPosition !== undefined && !((compareParsedPositions(this.lastPosition, position) ?? 0) < 0)) {
      return 'its position does not come after the previous event\'s';
    }
    const head = this.heads.get(event.streamId);
    const expected = head === undefined ? 0 : head.revision + 1;
    if (event.revision !== expected) return `expected revision ${expected} of its stream, found ${event.revision}`;
    const problem = linkProblem(event, head?.hash ?? GENESIS_HASH);
    if (problem !== undefined) return problem;
    const hash = event.metadata.hash as string;
    this.heads.set(event.streamId, { revision: event.revision, hash });
    this.tree.append([eventLeafHash(hash)]);
    this.lastPosition = position;
    return undefined;
  }

  /** The ledger tree's root over the first `size` events accepted (default: all). */
  root(size = this.tree.size): Buffer {
    return this.tree.root(size);
  }
}

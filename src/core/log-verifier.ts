import { GENESIS_HASH, HASH_VERSION, eventHash } from './hash-chain.js';
import type { JsonValue } from './json.js';
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
  /** Leaves not yet in the tree: appended a block at a time, which costs the tree less per leaf. */
  private leaves: Buffer[] = [];

  /** Events accepted so far: the ledger tree's size. */
  get events(): number {
    return this.tree.size + this.leaves.length;
  }

  get streams(): number {
    return this.heads.size;
  }

  /** Why the next event does not continue the log, or undefined when it does (and is then taken in). */
  add(event: StoredEvent): string | undefined {
    return this.addSealed(sealOf(event));
  }

  /** As `add`, for an event whose content hash was already recomputed (`sealOf`, perhaps on another thread). */
  addSealed(event: SealedEvent): string | undefined {
    if (!isAgreementStream(event.streamId)) return `${event.streamId} is not an agreement stream; exports hold agreement events only`;
    const position = parseLogPosition(event.position);
    if (position === undefined) return `position ${JSON.stringify(event.position)} is in no store's form`;
    if (this.lastPosition !== undefined && !((compareParsedPositions(this.lastPosition, position) ?? 0) < 0)) {
      return 'its position does not come after the previous event\'s';
    }
    const head = this.heads.get(event.streamId);
    const expected = head === undefined ? 0 : head.revision + 1;
    if (event.revision !== expected) return `expected revision ${expected} of its stream, found ${event.revision}`;
    // The checks of the hash chain's linkProblem, in its order, on the recomputed seal.
    if (event.hashVersion !== HASH_VERSION) return `unknown hashVersion ${JSON.stringify(event.hashVersion ?? null)}`;
    if (event.prevHash !== (head?.hash ?? GENESIS_HASH)) return 'prevHash does not match the previous event';
    if (!event.contentHashHolds) return 'hash does not match the event content';
    const hash = event.hash;
    this.heads.set(event.streamId, { revision: event.revision, hash });
    this.leaves.push(eventLeafHash(hash));
    if (this.leaves.length === 1024) this.flush();
    this.lastPosition = position;
    return undefined;
  }

  /** The ledger tree's root over the first `size` events accepted (default: all). */
  root(size = this.events): Buffer {
    this.flush();
    return this.tree.root(size);
  }

  private flush(): void {
    this.tree.append(this.leaves);
    this.leaves = [];
  }
}

/**
 * What the order and chain checks need of one event once its hash has been recomputed from its
 * content — the costly part, which needs nothing of the events before it and so may run elsewhere.
 */
export interface SealedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly hashVersion: JsonValue | undefined;
  readonly prevHash: JsonValue | undefined;
  readonly hash: string;
  /** `hash` is a string and equals SHA-256 of the event's content under hash format 2. */
  readonly contentHashHolds: boolean;
}

export function sealOf(event: StoredEvent): SealedEvent {
  const { hash, ...unsealed } = event.metadata;
  const { eventId, streamId, revision, position, type, data } = event;
  const { hashVersion, prevHash } = unsealed;
  const contentHashHolds =
    hashVersion === HASH_VERSION && typeof prevHash === 'string' && typeof hash === 'string' && hash === eventHash({ eventId, streamId, revision, type, data, prevHash, metadata: unsealed });
  return { eventId, streamId, revision, position, hashVersion, prevHash, hash: typeof hash === 'string' ? hash : '', contentHashHolds };
}

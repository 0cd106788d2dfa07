import { createHash, hash } from 'node:crypto';

/**
 * The ledger tree (DESIGN.md "Tamper evidence"): an RFC 9162 §2.1 Merkle tree whose leaf `i` is
 * `SHA-256(0x00 ‖ hash_i)`, `hash_i` the 32 bytes of event `i`'s hash, and whose interior nodes
 * are `SHA-256(0x01 ‖ left ‖ right)`.
 *
 * Kept as stored subtree roots: node (level, index) is the root of the perfect subtree over leaves
 * `[index·2^level, (index+1)·2^level)`. Every perfect subtree is stored once it is complete, so an
 * append stores O(1) nodes on average (O(log n) at most), and the root at any size and any proof
 * reads and hashes O(log n) of them. Nothing is ever recomputed from the leaves.
 */

/** The root of the empty tree: SHA-256 of nothing (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/**
 * Hashes of 32-byte inputs, the tree's every leaf and node, are made one-shot from one reused
 * buffer: a Hash object and a concatenation per node cost more than the digest (bench:verify).
 * Safe to reuse: hashing is synchronous, and each thread has its own module.
 */
const leafInput = Buffer.alloc(33, 0x00);
const nodeInput = Buffer.alloc(65, 0x01);

export function leafHash(entry: Uint8Array): Buffer {
  if (entry.length !== 32) return hash('sha256', Buffer.concat([LEAF_PREFIX, entry]), 'buffer');
  leafInput.set(entry, 1);
  return hash('sha256', leafInput, 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return hash('sha256', nodeInput, 'buffer');
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/** The leaf of one event: its hash (lowercase hex, as stored in `metadata.hash`) as 32 bytes, leaf-hashed. */
export function eventLeafHash(eventHashHex: string): Buffer {
  if (!HEX_HASH.test(eventHashHex)) throw new RangeError('an event hash is 64 lowercase hex characters');
  return leafHash(Buffer.from(eventHashHex, 'hex'));
}

/** One stored subtree root. */
export interface TreeNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

/**
 * Where the subtree roots live: in memory (InMemoryTreeStorage) or in a database table. Reads are
 * synchronous so a proof is plain computation; `append` stores one batch and the new size at once
 * (a transaction in a database), so a reader never sees a size whose nodes are missing.
 */
export interface TreeStorage {
  /** The number of leaves stored. */
  readonly size: number;
  /** The root of a complete perfect subtree within `size`; undefined when not stored. */
  node(level: number, index: number): Uint8Array | undefined;
  append(nodes: readonly TreeNode[], newSize: number): void;
}

/** Largest power of two strictly below n (n ≥ 2), as RFC 9162 §2.1.1 splits a tree. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Level of a perfect subtree of `width` leaves (width a power of two). */
function levelOf(width: number): number {
  return Math.round(Math.log2(width));
}

export class MerkleTree {
  constructor(private readonly storage: TreeStorage) {}

  get size(): number {
    return this.storage.size;
  }

  /** Appends leaf hashes (see `eventLeafHash`) and stores every subtree they complete. */
  append(leafHashes: readonly Uint8Array[]): void {
    if (leafHashes.length === 0) return;
    const pending = new Map<string, Uint8Array>();
    const nodes: TreeNode[] = [];
    const lookup = (level: number, index: number): Uint8Array => pending.get(`${level}/${index}`) ?? this.stored(level, index);
    const put = (level: number, index: number, hash: Uint8Array): void => {
      pending.set(`${level}/${index}`, hash);
      nodes.push({ level, index, hash });
    };
    let size = this.storage.size;
    for (const leaf of leafHashes) {
      if (leaf.length !== 32) throw new RangeError('a leaf hash is 32 bytes');
      let level = 0;
      let index = size;
      let hash: Uint8Array = leaf;
      put(level, index, hash);
      // A right child completes its parent: climb while the node is one.
      while (index % 2 === 1) {
        hash = nodeHash(lookup(level, index - 1), hash);
        level++;
        index = (index - 1) / 2;
        put(level, index, hash);
      }
      size++;
    }
    this.storage.append(nodes, size);
  }

  /** The root hash of the tree at `size` leaves (default: all of them). */
  root(size = this.storage.size): Buffer {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : Buffer.from(this.rangeHash(0, size));
  }

  /** RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of `size` leaves, leaf's sibling first. */
  inclusionProof(index: number, size = this.storage.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const path: Buffer[] = [];
    // PATH(m, D[start:start+n]): descend to the leaf, collecting the other side's root at each split.
    const walk = (m: number, start: number, n: number): void => {
      if (n === 1) return;
      const k = splitPoint(n);
      if (m < k) {
        walk(m, start, k);
        path.push(Buffer.from(this.rangeHash(start + k, start + n)));
      } else {
        walk(m - k, start + k, n - k);
        path.push(Buffer.from(this.rangeHash(start, start + k)));
      }
    };
    walk(index, 0, size);
    return path;
  }

  /** RFC 9162 §2.1.4.1: the proof that the tree at `from` leaves is a prefix of the tree at `to`. Empty when from = to. */
  consistencyProof(from: number, to = this.storage.size): Buffer[] {
    this.checkSize(to);
    if (!Number.isSafeInteger(from) || from < 1 || from > to) throw new RangeError(`no consistency proof from ${from} to ${to}`);
    const proof: Buffer[] = [];
    // SUBPROOF(m, D[start:start+n], b)
    const walk = (m: number, start: number, n: number, complete: boolean): void => {
      if (m === n) {
        if (!complete) proof.push(Buffer.from(this.rangeHash(start, start + n)));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        walk(m, start, k, complete);
        proof.push(Buffer.from(this.rangeHash(start + k, start + n)));
      } else {
        walk(m - k, start + k, n - k, false);
        proof.push(Buffer.from(this.rangeHash(start, start + k)));
      }
    };
    if (from < to) walk(from, 0, to, true);
    return proof;
  }

  /**
   * MTH(D[start:end]) for a range the RFC's recursion produces (start aligned to the range's
   * width rounded up to a power of two): the perfect subtrees of its binary digits, folded from the right.
   */
  private rangeHash(start: number, end: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let offset = start;
    let remaining = end - start;
    while (remaining > 0) {
      let width = 1;
      while (width * 2 <= remaining) width *= 2;
      parts.push(this.stored(levelOf(width), offset / width));
      offset += width;
      remaining -= width;
    }
    let hash = parts[parts.length - 1]!;
    for (let i = parts.length - 2; i >= 0; i--) hash = nodeHash(parts[i]!, hash);
    return hash;
  }

  private stored(level: number, index: number): Uint8Array {
    const hash = this.storage.node(level, index);
    if (hash === undefined) throw new Error(`the ledger tree lacks node ${level}/${index}`);
    return hash;
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.storage.size) {
      throw new RangeError(`tree size ${size} is not between 0 and ${this.storage.size}`);
    }
  }
}

/** Subtree roots in memory, one growing buffer per level: for exports, tests and benches. */
export class InMemoryTreeStorage implements TreeStorage {
  private levels: Buffer[] = [];
  private counts: number[] = [];
  size = 0;

  node(level: number, index: number): Uint8Array | undefined {
    if (index >= (this.counts[level] ?? 0)) return undefined;
    return this.levels[level]!.subarray(index * 32, index * 32 + 32);
  }

  append(nodes: readonly TreeNode[], newSize: number): void {
    for (const { level, index, hash } of nodes) {
      const count = this.counts[level] ?? 0;
      if (index !== count) throw new Error(`node ${level}/${index} out of order`);
      let buffer = this.levels[level] ?? Buffer.alloc(32 * 16);
      if (buffer.length < (count + 1) * 32) {
        const grown = Buffer.alloc(buffer.length * 2);
        buffer.copy(grown);
        buffer = grown;
      }
      buffer.set(hash, count * 32);
      this.levels[level] = buffer;
      this.counts[level] = count + 1;
    }
    this.size = newSize;
  }
}

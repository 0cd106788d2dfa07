import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_ROOT, InMemoryTreeStorage, MerkleTree, eventLeafHash, leafHash, nodeHash } from './merkle-tree.js';
import { verifyConsistency, verifyInclusion } from './merkle-proofs.js';

/** MTH of RFC 9162 §2.1.1 written straight from its recursion, over leaf hashes: the oracle. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const leaf = (i: number): Buffer => leafHash(Buffer.from(`event ${i}`));
const leaves = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => leaf(i));

function treeOf(n: number, batch = n): MerkleTree {
  const tree = new MerkleTree(new InMemoryTreeStorage());
  const all = leaves(n);
  for (let i = 0; i < n; i += batch) tree.append(all.slice(i, i + batch));
  return tree;
}

describe('the ledger tree', () => {
  it('hashes a leaf as SHA-256(0x00 ‖ entry) and an event leaf from its hex hash', () => {
    const eventHash = 'ab'.repeat(32);
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from([0]), Buffer.from(eventHash, 'hex')])).digest();
    expect(eventLeafHash(eventHash)).toEqual(expected);
    expect(() => eventLeafHash('AB'.repeat(32))).toThrow(RangeError);
  });

  it('has the root MTH gives at every size, appended one by one or in batches', () => {
    const tree = treeOf(70, 1);
    const batched = treeOf(70, 9);
    const all = leaves(70);
    for (let size = 0; size <= 70; size++) {
      expect(tree.root(size)).toEqual(mth(all.slice(0, size)));
      expect(batched.root(size)).toEqual(tree.root(size));
    }
  });

  it('proves every leaf of every size up to 33, and every pair of sizes consistent', () => {
    const tree = treeOf(33);
    for (let size = 1; size <= 33; size++) {
      const root = tree.root(size);
      for (let index = 0; index < size; index++) {
        expect(verifyInclusion(index, size, leaf(index), tree.inclusionProof(index, size), root)).toBe(true);
      }
      for (let from = 1; from <= size; from++) {
        expect(verifyConsistency(from, size, tree.root(from), root, tree.consistencyProof(from, size))).toBe(true);
      }
    }
  });

  it('keeps a proof to O(log n) hashes', () => {
    const tree = treeOf(1000);
    expect(tree.inclusionProof(517, 1000).length).toBeLessThanOrEqual(10);
    expect(tree.consistencyProof(333, 1000).length).toBeLessThanOrEqual(20);
  });

  it('refuses a proof with any hash changed, for random trees', () => {
    const tree = treeOf(300);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), fc.nat(), (size, i, j) => {
        const index = i % size;
        const proof = tree.inclusionProof(index, size);
        const root = tree.root(size);
        if (proof.length === 0) return;
        const tampered = proof.map((h) => Buffer.from(h));
        tampered[j % proof.length]![0]! ^= 1;
        expect(verifyInclusion(index, size, leaf(index), tampered, root)).toBe(false);
        expect(verifyInclusion(index, size, leaf(index + 1), proof, root)).toBe(false);
        const from = 1 + (j % size);
        if (from < size) {
          const consistency = tree.consistencyProof(from, size).map((h) => Buffer.from(h));
          consistency[i % consistency.length]![31]! ^= 1;
          expect(verifyConsistency(from, size, tree.root(from), root, consistency)).toBe(false);
        }
      }),
    );
  });

  it('refuses sizes and leaves it does not have', () => {
    const tree = treeOf(5);
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(4, 6)).toThrow(RangeError);
    expect(() => tree.append([Buffer.alloc(31)])).toThrow(RangeError);
    expect(tree.consistencyProof(5, 5)).toEqual([]);
  });

  it('stores nodes no faster than they complete: about two per leaf', () => {
    const storage = new InMemoryTreeStorage();
    let stored = 0;
    const counting = { get size() { return storage.size; }, node: storage.node.bind(storage), append: (nodes: readonly { level: number }[], size: number) => { stored += nodes.length; storage.append(nodes as never, size); } };
    new MerkleTree(counting).append(leaves(1024));
    expect(stored).toBe(2047);
  });
});

/**
 * The immudb lesson (CVE-2022-36111): its verifier accepted proofs by which a server could show
 * one leaf at an index to a client and another later. Ours, used as an auditor uses them — each
 * checkpoint proved consistent with the one before, the leaf recomputed from the event and never
 * taken from the server — prove the same leaf at an old index against every later checkpoint, and
 * a rewritten leaf fails one of the two checks, wherever and whenever it was rewritten.
 */
import fc from 'fast-check';
import { InMemoryTreeStorage, MerkleTree, leafHash } from '../src/core/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../src/core/merkle-proofs.js';

const entry = (i: number): Buffer => leafHash(Buffer.from(`event ${i}`));

function treeOf(leaves: readonly Buffer[]): MerkleTree {
  const tree = new MerkleTree(new InMemoryTreeStorage());
  tree.append(leaves);
  return tree;
}

interface Signed {
  readonly size: number;
  readonly root: Buffer;
}

/** What an auditor does with successive checkpoints and one old event: true when every check holds. */
function auditorAccepts(checkpoints: readonly Signed[], proveFrom: (size: number) => MerkleTree, index: number, leaf: Buffer): boolean {
  for (let k = 0; k < checkpoints.length; k++) {
    const { size, root } = checkpoints[k]!;
    if (k > 0) {
      const previous = checkpoints[k - 1]!;
      if (!verifyConsistency(previous.size, size, previous.root, root, proveFrom(size).consistencyProof(previous.size, size))) return false;
    }
    if (index < size && !verifyInclusion(index, size, leaf, proveFrom(size).inclusionProof(index, size), root)) return false;
  }
  return true;
}

describe('the immudb lesson', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => entry(i));
  const honest = treeOf(leaves);
  const sizes = [3, 8, 13, 21, 34, 40];
  const checkpoints = sizes.map((size) => ({ size, root: honest.root(size) }));

  it('proves the same old leaf against every successive, consistent checkpoint', () => {
    expect(auditorAccepts(checkpoints, () => honest, 2, entry(2))).toBe(true);
    for (const { size, root } of checkpoints) {
      expect(verifyInclusion(2, size, entry(2), honest.inclusionProof(2, size), root)).toBe(true);
    }
  });

  it('catches a leaf rewritten after a checkpoint: the later checkpoints are not consistent with it', () => {
    const rewritten = treeOf(leaves.map((leaf, i) => (i === 2 ? entry(1002) : leaf)));
    // The log signed 3 and 8 honestly, then signs roots over the rewritten history.
    const served = checkpoints.map((c) => (c.size <= 8 ? c : { size: c.size, root: rewritten.root(c.size) }));
    const proveFrom = (size: number): MerkleTree => (size <= 8 ? honest : rewritten);
    expect(auditorAccepts(served, proveFrom, 2, entry(2))).toBe(false);
    expect(auditorAccepts(served, proveFrom, 2, entry(1002))).toBe(false);
    expect(verifyConsistency(8, 13, honest.root(8), rewritten.root(13), rewritten.consistencyProof(8, 13))).toBe(false);
  });

  it('never proves two leaves at one index across consistent checkpoints (random histories and rewrites)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (size2, a, b, c) => {
          const size1 = 1 + (a % (size2 - 1));
          const index = b % size2;
          const all = Array.from({ length: size2 }, (_, i) => entry(i));
          const original = treeOf(all);
          // The server rewrites leaf `index` (and maybe more after it) before signing the second checkpoint.
          const forged = treeOf(all.map((leaf, i) => (i === index || (i > index && c % 2 === 1) ? entry(10_000 + i) : leaf)));
          const first = { size: size1, root: original.root(size1) };
          const second = { size: size2, root: forged.root(size2) };
          const consistent = verifyConsistency(size1, size2, first.root, second.root, forged.consistencyProof(size1, size2));
          const provesOriginal = verifyInclusion(index, size2, entry(index), forged.inclusionProof(index, size2), second.root);
          // Only a rewrite the first checkpoint did not cover can be consistent, and then the old leaf is not proved.
          if (index < size1) expect(consistent).toBe(false);
          expect(provesOriginal).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

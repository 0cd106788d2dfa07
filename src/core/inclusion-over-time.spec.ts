/**
 * The immudb lesson (CVE-2022-36111: its verifier accepted a forged history): an old event's
 * inclusion, proved against each of a log's successive checkpoints, always proves the very same
 * leaf, and each checkpoint is consistent with the one before.
 */
import { createHash } from 'node:crypto';
import { consistencyProblem, inclusionProblem } from './merkle-proofs.js';
import { InMemoryTreeStorage, MerkleTree, eventLeafHash } from './merkle-tree.js';

const eventHashOf = (i: number): string => createHash('sha256').update(`event ${i}`).digest('hex');

describe('an old event proved against successive checkpoints', () => {
  const tree = new MerkleTree(new InMemoryTreeStorage());
  tree.append(Array.from({ length: 100 }, (_, i) => eventLeafHash(eventHashOf(i))));
  const sizes = [4, 10, 37, 64, 65, 100];
  const old = 3;

  it('proves the same leaf at every size, and no other leaf at any', () => {
    for (const size of sizes) {
      const proof = tree.inclusionProof(old, size);
      expect(inclusionProblem(old, size, eventLeafHash(eventHashOf(old)), proof, tree.root(size))).toBeUndefined();
      for (const other of [old - 1, old + 1, 50]) {
        expect(inclusionProblem(old, size, eventLeafHash(eventHashOf(other)), proof, tree.root(size))).toBe('the proof leads to another root');
      }
    }
  });

  it('finds each checkpoint consistent with the one before, and a rewritten history consistent with none', () => {
    for (let i = 1; i < sizes.length; i++) {
      const [from, to] = [sizes[i - 1]!, sizes[i]!];
      expect(consistencyProblem(from, to, tree.root(from), tree.root(to), tree.consistencyProof(from, to))).toBeUndefined();
    }
    const forged = new MerkleTree(new InMemoryTreeStorage());
    forged.append(Array.from({ length: 100 }, (_, i) => eventLeafHash(eventHashOf(i === old ? 1000 : i))));
    for (const size of sizes.slice(1)) {
      expect(consistencyProblem(sizes[0]!, size, tree.root(sizes[0]!), forged.root(size), forged.consistencyProof(sizes[0]!, size))).toBeDefined();
    }
  });
});

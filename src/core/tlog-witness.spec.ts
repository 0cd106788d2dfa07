import fc from 'fast-check';
import { InMemoryTreeStorage, MerkleTree, leafHash } from './merkle-tree.js';
import type { Checkpoint } from './tlog-checkpoint.js';
import { needsConsistencyProof, witnessProblem } from './tlog-witness.js';

const ORIGIN = 'ledger.example.fi/agreements';

/** A log of `size` events, the one at `rewritten` (if any) changed. */
function log(size: number, rewritten?: number): MerkleTree {
  const tree = new MerkleTree(new InMemoryTreeStorage());
  tree.append(Array.from({ length: size }, (_, i) => leafHash(Buffer.from(i === rewritten ? `rewritten ${i}` : `event ${i}`))));
  return tree;
}
const checkpoint = (tree: MerkleTree): Checkpoint => ({ origin: ORIGIN, treeSize: tree.size, rootHash: tree.root() });

/** What a witness does: asks for the proof only when it needs one, then judges. */
function judge(previous: Checkpoint | undefined, next: MerkleTree): string | undefined {
  const proof = needsConsistencyProof(previous, checkpoint(next)) ? next.consistencyProof(previous.treeSize, next.size) : [];
  return witnessProblem(previous, checkpoint(next), proof);
}

describe('a witness cosigns a checkpoint only when it extends the last one cosigned', () => {
  it('takes the first checkpoint it sees, and any that extends the empty log', () => {
    expect(judge(undefined, log(5))).toBeUndefined();
    expect(judge(checkpoint(log(0)), log(5))).toBeUndefined();
  });

  it('takes the same checkpoint again and any honest extension', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), (size, more) => judge(checkpoint(log(size)), log(size + more)) === undefined),
    );
  });

  it('refuses a log with any earlier event rewritten, however much it grew', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.nat(), (size, more, at) =>
        /history was rewritten/.test(judge(checkpoint(log(size)), log(size + more, at % size)) ?? ''),
      ),
    );
  });

  it('refuses a smaller log (a rollback) and another log', () => {
    expect(judge(checkpoint(log(6)), log(4))).toContain('the log was rolled back');
    expect(witnessProblem(checkpoint(log(3)), { ...checkpoint(log(3)), origin: 'other.example.fi/log' }, [])).toContain('other.example.fi/log');
  });

  it('refuses a proof the log made for another tree', () => {
    const honest = log(9);
    expect(witnessProblem(checkpoint(log(6)), checkpoint(honest), log(9, 7).consistencyProof(6, 9))).toContain('history was rewritten');
  });
});

/**
 * The ledger tree over each storage it runs on — memory (exports, benches) and ledger-tree.sqlite
 * (the server) — gives the same roots and proofs; the SQLite file keeps them across a reopen and
 * stores an append whole or not at all.
 */
import { LedgerTreeStore } from '../src/checkpoints/ledger-tree-store.js';
import { InMemoryTreeStorage, MerkleTree, leafHash, type TreeStorage } from '../src/core/merkle-tree.js';
import { tempDir } from './support/temp-dir.js';

const leaf = (i: number): Buffer => leafHash(Buffer.from(`event ${i}`));
const reference = new MerkleTree(new InMemoryTreeStorage());
reference.append(Array.from({ length: 70 }, (_, i) => leaf(i)));

const storages: Array<[string, () => { storage: TreeStorage; close(): void }]> = [
  ['memory', () => ({ storage: new InMemoryTreeStorage(), close: () => undefined })],
  [
    'ledger-tree.sqlite',
    () => {
      const dir = tempDir('tree');
      const store = new LedgerTreeStore(dir.path);
      return { storage: store, close: () => (store.close(), dir.remove()) };
    },
  ],
];

describe.each(storages)('the ledger tree on %s', (_name, open) => {
  it('gives the reference roots and proofs, appended in uneven batches', () => {
    const { storage, close } = open();
    try {
      const tree = new MerkleTree(storage);
      for (let i = 0; i < 70; ) {
        const batch = 1 + (i % 7);
        tree.append(Array.from({ length: Math.min(batch, 70 - i) }, (_, k) => leaf(i + k)));
        i += batch;
      }
      expect(storage.size).toBe(70);
      for (let size = 0; size <= 70; size += 3) expect(tree.root(size)).toEqual(reference.root(size));
      expect(tree.inclusionProof(17, 61)).toEqual(reference.inclusionProof(17, 61));
      expect(tree.consistencyProof(13, 70)).toEqual(reference.consistencyProof(13, 70));
    } finally {
      close();
    }
  });
});

describe('ledger-tree.sqlite', () => {
  it('keeps the tree across a reopen and stores an append with its leaves whole or not at all', () => {
    const dir = tempDir('tree');
    try {
      const first = new LedgerTreeStore(dir.path);
      const leaves = Array.from({ length: 10 }, (_, i) => ({ eventId: `e-${i}`, streamId: 'agreement-a', position: String(i + 1), hash: leaf(i) }));
      first.appendEvents(new MerkleTree(first), leaves, '10');
      first.close();

      const again = new LedgerTreeStore(dir.path);
      const tree = new MerkleTree(again);
      expect(tree.root()).toEqual(reference.root(10));
      expect(again.position).toBe('10');
      expect(again.leafOf('e-3')).toEqual({ leafIndex: 3, streamId: 'agreement-a', position: '4' });
      // An event id already in the tree fails the whole append: no node, no leaf, no position.
      const clash = [{ eventId: 'e-10', streamId: 'agreement-a', position: '11', hash: leaf(10) }, { ...leaves[0]!, position: '12' }];
      expect(() => again.appendEvents(tree, clash, '12')).toThrow();
      expect(again.size).toBe(10);
      expect(again.position).toBe('10');
      expect(again.node(0, 10)).toBeUndefined();
      again.close();
    } finally {
      dir.remove();
    }
  });
});

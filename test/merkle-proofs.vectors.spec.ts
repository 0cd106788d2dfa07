/**
 * The proof verifiers against transparency-dev/merkle's RFC 6962/9162 vectors, good and broken
 * (`wantErr`), and the tree's own proofs byte for byte against the good ones: both built over
 * certificate-transparency's eight test leaves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { MerkleTree, InMemoryTreeStorage, leafHash } from '../src/core/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../src/core/merkle-proofs.js';

const root = new URL('./vectors/rfc9162/', import.meta.url);

function files(dir: URL): string[] {
  return readdirSync(dir).flatMap((name) => {
    const url = new URL(name, dir);
    return statSync(url).isDirectory() ? files(new URL(`${name}/`, dir)).map((f) => `${name}/${f}`) : name.endsWith('.json') ? [name] : [];
  });
}

const bytes = (text: string): Buffer => Buffer.from(text, 'base64');
const read = <T>(dir: string, name: string): T => JSON.parse(readFileSync(new URL(`${dir}/${name}`, root), 'utf8')) as T;

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

const inclusion = files(new URL('inclusion/', root));
const consistency = files(new URL('consistency/', root));

/** certificate-transparency's test leaves, as hex bytes; their eight-leaf root is in the vectors' README. */
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

function referenceTree(): MerkleTree {
  const tree = new MerkleTree(new InMemoryTreeStorage());
  tree.append(LEAVES.map((hex) => leafHash(Buffer.from(hex, 'hex'))));
  return tree;
}

describe('RFC 9162 proof vectors', () => {
  it('has all 196 vectors', () => {
    expect(inclusion.length + consistency.length).toBe(196);
    expect(inclusion.length).toBeGreaterThan(60);
  });

  it.each(inclusion)('inclusion %s', (name) => {
    const v = read<InclusionVector>('inclusion', name);
    const ok = verifyInclusion(v.leafIdx, v.treeSize, bytes(v.leafHash), (v.proof ?? []).map(bytes), bytes(v.root));
    expect(ok).toBe(!v.wantErr);
  });

  it.each(consistency)('consistency %s', (name) => {
    const v = read<ConsistencyVector>('consistency', name);
    const ok = verifyConsistency(v.size1, v.size2, bytes(v.root1), bytes(v.root2), (v.proof ?? []).map(bytes));
    expect(ok).toBe(!v.wantErr);
  });

  it('builds the reference root of the eight test leaves', () => {
    expect(referenceTree().root().toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('generates the happy paths byte for byte', () => {
    const tree = referenceTree();
    const happy = (list: string[]): string[] => list.filter((name) => name.endsWith('happy-path.json'));
    let checked = 0;
    for (const name of happy(inclusion)) {
      const v = read<InclusionVector>('inclusion', name);
      if (v.treeSize > tree.size) continue;
      expect(tree.root(v.treeSize).toString('base64')).toBe(v.root);
      expect(tree.inclusionProof(v.leafIdx, v.treeSize).map((h) => h.toString('base64'))).toEqual(v.proof ?? []);
      checked++;
    }
    for (const name of happy(consistency)) {
      const v = read<ConsistencyVector>('consistency', name);
      if (v.size2 > tree.size) continue;
      expect(tree.root(v.size1).toString('base64')).toBe(v.root1);
      expect(tree.root(v.size2).toString('base64')).toBe(v.root2);
      expect(tree.consistencyProof(v.size1, v.size2).map((h) => h.toString('base64'))).toEqual(v.proof ?? []);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});

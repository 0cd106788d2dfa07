import { nodeHash } from './merkle-tree.js';

/**
 * The two proof checks an auditor or a witness runs offline, as RFC 9162 §2.1.3.2 and §2.1.4.2
 * write them. Each answers why a proof fails, or undefined when it holds; hashes are compared
 * byte for byte, whatever their length.
 */

function half(n: number): number {
  return Math.floor(n / 2);
}

function odd(n: number): boolean {
  return n % 2 === 1;
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1 && !odd(n)) n = half(n);
  return n === 1;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

/** Why `proof` does not show leaf `leafIndex` (a leaf hash) in the tree of `treeSize` with root `root`; undefined when it does. */
export function inclusionProblem(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): string | undefined {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0) return 'sizes must be whole numbers';
  if (leafIndex >= treeSize) return `leaf index ${leafIndex} is not below tree size ${treeSize}`;
  if (leaf.length !== 32) return 'a leaf hash is 32 bytes';
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return 'the proof is longer than the tree is deep';
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return 'the proof is shorter than the tree is deep';
  if (!equal(r, root)) return 'the proof leads to another root';
  return undefined;
}

export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  return inclusionProblem(leafIndex, treeSize, leaf, proof, root) === undefined;
}

/**
 * Why `proof` does not show the tree (size1, root1) to be a prefix of (size2, root2); undefined
 * when it does. Equal sizes need an empty proof and equal roots. From the empty tree nothing is
 * proved (every tree extends it), so size1 = 0 is refused rather than passed unchecked.
 */
export function consistencyProblem(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): string | undefined {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0) return 'sizes must be whole numbers';
  if (size2 < size1) return `the second tree (${size2}) is smaller than the first (${size1})`;
  if (size1 === 0) return 'a consistency proof from the empty tree proves nothing';
  if (size1 === size2) {
    if (proof.length > 0) return 'trees of equal size need an empty proof';
    return equal(root1, root2) ? undefined : 'two different roots for one tree size';
  }
  if (proof.length === 0) return 'the proof is empty';
  // §2.1.4.2 step 2: a first tree that is a perfect subtree is itself the path's start.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return 'the proof is longer than the trees are deep';
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return 'the proof is shorter than the trees are deep';
  if (!equal(fr, root1)) return 'the proof does not lead to the first root';
  if (!equal(sr, root2)) return 'the proof does not lead to the second root';
  return undefined;
}

export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): boolean {
  return consistencyProblem(size1, size2, root1, root2, proof) === undefined;
}

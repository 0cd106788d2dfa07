/**
 * Proofs on a large ledger tree: making and checking inclusion and consistency proofs, on the
 * in-memory tree an auditor builds from an export and on ledger-tree.sqlite as the server keeps it,
 * beside the bare cost of the hashes a proof needs (one SHA-256 node hash per level) in the same run.
 */
import { LedgerTreeStore } from '../../src/checkpoints/ledger-tree-store.js';
import { InMemoryTreeStorage, MerkleTree, leafHash, nodeHash } from '../../src/core/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../../src/core/merkle-proofs.js';
import { median, secondsSince } from './stats.js';

export interface ProofRow {
  readonly operation: string;
  readonly storage: 'memory' | 'sqlite';
  /** Microseconds per proof, one figure per run. */
  readonly runs: number[];
  /** Microseconds for the bare hashes of one proof's depth, one figure per run. */
  readonly baseline: number[];
}

export interface ProofResults {
  readonly leaves: number;
  readonly depth: number;
  readonly buildSeconds: { readonly memory: number; readonly sqlite?: number };
  readonly rows: ProofRow[];
}

/** A deterministic stream of numbers, so every run asks the same proofs. */
function sampler(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const leafOf = (i: number): Buffer => leafHash(Buffer.from(`event ${i}`));

function perOperation(samples: number, op: (k: number) => void): number {
  const start = process.hrtime.bigint();
  for (let k = 0; k < samples; k++) op(k);
  return (secondsSince(start) * 1e6) / samples;
}

export function benchProofs(options: { leaves: number; samples: number; runs: number; sqliteDir?: string; progress: (message: string) => void }): ProofResults {
  const { leaves, samples, runs, progress } = options;
  const depth = Math.ceil(Math.log2(leaves));
  progress(`building an in-memory tree of ${leaves} leaves`);
  let start = process.hrtime.bigint();
  const memory = new MerkleTree(new InMemoryTreeStorage());
  for (let i = 0; i < leaves; i += 10_000) memory.append(Array.from({ length: Math.min(10_000, leaves - i) }, (_, k) => leafOf(i + k)));
  const memorySeconds = secondsSince(start);

  let sqlite: MerkleTree | undefined;
  let sqliteSeconds: number | undefined;
  if (options.sqliteDir !== undefined) {
    progress(`building ledger-tree.sqlite with ${leaves} leaves`);
    start = process.hrtime.bigint();
    const store = new LedgerTreeStore(options.sqliteDir);
    sqlite = new MerkleTree(store);
    for (let i = 0; i < leaves; i += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, leaves - i) }, (_, k) => ({ eventId: `e-${i + k}`, streamId: 'agreement-bench', position: String(i + k + 1), hash: leafOf(i + k) }));
      store.appendEvents(sqlite, batch, String(i + batch.length));
    }
    sqliteSeconds = secondsSince(start);
  }

  // The same questions in every run: a leaf and a tree size, an earlier and a later size.
  const next = sampler(42);
  const asks = Array.from({ length: samples }, () => {
    const size = 1 + Math.floor(next() * leaves);
    return { index: Math.floor(next() * size), size, from: 1 + Math.floor(next() * size) };
  });
  const roots = asks.map((a) => ({ at: memory.root(a.size), from: memory.root(a.from) }));
  const inclusion = asks.map((a) => memory.inclusionProof(a.index, a.size));
  const consistency = asks.map((a) => memory.consistencyProof(a.from, a.size));
  const leavesAsked = asks.map((a) => leafOf(a.index));

  const pad = Buffer.alloc(32, 1);
  const bareHashes = (): number =>
    perOperation(samples, () => {
      let h: Buffer = pad;
      for (let d = 0; d < depth; d++) h = nodeHash(pad, h);
    });

  const rows: ProofRow[] = [];
  const row = (operation: string, storage: ProofRow['storage'], op: (k: number) => void): void => {
    const r: ProofRow = { operation, storage, runs: [], baseline: [] };
    for (let run = 0; run < runs; run++) {
      // Ours and the baseline take turns going first.
      if (run % 2 === 0) {
        r.runs.push(perOperation(samples, op));
        r.baseline.push(bareHashes());
      } else {
        r.baseline.push(bareHashes());
        r.runs.push(perOperation(samples, op));
      }
    }
    rows.push(r);
  };

  progress('timing proofs');
  let failures = 0;
  row('make inclusion proof', 'memory', (k) => memory.inclusionProof(asks[k]!.index, asks[k]!.size));
  row('check inclusion proof', 'memory', (k) => {
    if (!verifyInclusion(asks[k]!.index, asks[k]!.size, leavesAsked[k]!, inclusion[k]!, roots[k]!.at)) failures++;
  });
  row('make consistency proof', 'memory', (k) => memory.consistencyProof(asks[k]!.from, asks[k]!.size));
  row('check consistency proof', 'memory', (k) => {
    if (!verifyConsistency(asks[k]!.from, asks[k]!.size, roots[k]!.from, roots[k]!.at, consistency[k]!)) failures++;
  });
  row('root at a size', 'memory', (k) => memory.root(asks[k]!.size));
  if (sqlite !== undefined) {
    const tree = sqlite;
    row('make inclusion proof', 'sqlite', (k) => tree.inclusionProof(asks[k]!.index, asks[k]!.size));
    row('make consistency proof', 'sqlite', (k) => tree.consistencyProof(asks[k]!.from, asks[k]!.size));
    row('root at a size', 'sqlite', (k) => tree.root(asks[k]!.size));
    if (!tree.root().equals(memory.root())) throw new Error('the SQLite tree and the in-memory tree disagree');
  }
  if (failures > 0) throw new Error(`${failures} proofs failed to verify`);
  return { leaves, depth, buildSeconds: { memory: memorySeconds, ...(sqliteSeconds !== undefined && { sqlite: sqliteSeconds }) }, rows };
}

export const medianMicros = (values: readonly number[]): number => median(values);

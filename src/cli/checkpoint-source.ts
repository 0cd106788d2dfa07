import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerTreeStore } from '../checkpoints/ledger-tree-store.js';
import { MerkleTree } from '../core/merkle-tree.js';
import { parseNote } from '../core/signed-note.js';
import { parseCheckpoint, type Checkpoint } from '../core/tlog-checkpoint.js';
import type { CliContext } from './cli-context.js';
import type { InclusionProofAnswer, LedgerApi } from './ledger-api.js';

/**
 * The latest signed checkpoint, verbatim, with what it says (unverified here: verifying is the
 * auditor's step, with the key they trust). Over the API: `GET /api/checkpoint`. From the data
 * directory: the latest of the checkpoints the server keeps in `ledger-tree.sqlite` (read-only,
 * also while the server runs), with the cosignatures the server would serve with it.
 */
export async function latestCheckpoint(ctx: CliContext, api: LedgerApi | undefined): Promise<{ note: string; checkpoint: Checkpoint }> {
  const note = api !== undefined ? await api.checkpoint() : storedCheckpoint(ctx);
  return { note, checkpoint: parseCheckpoint(parseNote(note).text) };
}

/**
 * An event's inclusion proof in the tree of `treeSize` events: `GET /api/proofs/inclusion` (auditors
 * and admins), or from the data directory's ledger tree, which a server only ever appends to.
 */
export async function inclusionProof(ctx: CliContext, api: LedgerApi | undefined, eventId: string, treeSize: number): Promise<InclusionProofAnswer> {
  if (api !== undefined) return api.inclusionProof(eventId, treeSize);
  const store = openTreeStore(ctx);
  try {
    const leaf = store.leafOf(eventId);
    if (leaf === undefined) ctx.usage(`there is no event ${eventId} in the ledger tree of ${ctx.dataDir}`);
    if (leaf.leafIndex >= treeSize) ctx.usage(`event ${eventId} is leaf ${leaf.leafIndex}, not yet under the latest checkpoint (size ${treeSize}): prove it once one covers it`);
    const tree = new MerkleTree(store);
    const hex = (hash: Uint8Array) => Buffer.from(hash).toString('hex');
    return {
      leafIndex: leaf.leafIndex,
      treeSize,
      leafHash: hex(store.node(0, leaf.leafIndex)!),
      rootHash: hex(tree.root(treeSize)),
      proof: tree.inclusionProof(leaf.leafIndex, treeSize).map(hex),
    };
  } finally {
    store.close();
  }
}

function openTreeStore(ctx: CliContext): LedgerTreeStore {
  if (!existsSync(join(ctx.dataDir, 'ledger-tree.sqlite'))) ctx.usage(`${ctx.dataDir} holds no ledger-tree.sqlite: no checkpoint has been signed there`);
  return new LedgerTreeStore(ctx.dataDir, { readonly: true });
}

function storedCheckpoint(ctx: CliContext): string {
  const store = openTreeStore(ctx);
  try {
    const latest = store.latestCheckpoint();
    if (latest === undefined) ctx.usage(`${ctx.dataDir} holds no signed checkpoint yet`);
    return latest.note + store.cosignatureLines(latest.treeSize).join('');
  } finally {
    store.close();
  }
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerTreeStore } from '../checkpoints/ledger-tree-store.js';
import { parseNote } from '../core/signed-note.js';
import { parseCheckpoint, type Checkpoint } from '../core/tlog-checkpoint.js';
import type { CliContext } from './cli-context.js';
import type { LedgerApi } from './ledger-api.js';

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

function storedCheckpoint(ctx: CliContext): string {
  if (!existsSync(join(ctx.dataDir, 'ledger-tree.sqlite'))) ctx.usage(`${ctx.dataDir} holds no ledger-tree.sqlite: no checkpoint has been signed there`);
  const store = new LedgerTreeStore(ctx.dataDir, { readonly: true });
  try {
    const latest = store.latestCheckpoint();
    if (latest === undefined) ctx.usage(`${ctx.dataDir} holds no signed checkpoint yet`);
    return latest.note + store.cosignatureLines(latest.treeSize).join('');
  } finally {
    store.close();
  }
}

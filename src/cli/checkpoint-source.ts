import { parseNote } from '../core/signed-note.js';
import { parseCheckpoint, type Checkpoint } from '../core/tlog-checkpoint.js';
import type { CliContext } from './cli-context.js';
import type { LedgerApi } from './ledger-api.js';

/**
 * The latest signed checkpoint, verbatim, with what it says (unverified here: verifying is the
 * auditor's step, with the key they trust). Over the API: `GET /api/checkpoint`. From the data
 * directory: the checkpoints the server keeps there — the one part of the auditor commands that
 * waits for the server's checkpoint store, so it is wired here and nowhere else.
 */
export async function latestCheckpoint(ctx: CliContext, api: LedgerApi | undefined): Promise<{ note: string; checkpoint: Checkpoint }> {
  const note = api !== undefined ? await api.checkpoint() : storedCheckpoint(ctx);
  return { note, checkpoint: parseCheckpoint(parseNote(note).text) };
}

function storedCheckpoint(ctx: CliContext): never {
  ctx.usage(`${ctx.dataDir} keeps no signed checkpoints this build can read; ask the server with --url URL --token TOKEN`);
}

import { InvalidArgumentError, type Command } from 'commander';
import { availableHashThreads } from '../../audit/checked-lines.js';
import { checkReadable } from '../../audit/export-file.js';
import { checkpointInput, readNote, readVerifierKey } from '../../audit/checkpoint-input.js';
import { verifyExport, type CheckpointInput, type ExportVerification } from '../../audit/verify-export.js';
import type { CliContext } from '../cli-context.js';
import { progress } from '../progress.js';

interface VerifyOptions {
  readonly checkpoint: string[];
  readonly threads?: number;
  readonly key?: string;
}

export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('check an export offline: every hash, every chain, the order, and the ledger tree against signed checkpoints')
    .argument('<file>', 'an export (ledger export)')
    .option('--checkpoint <note>', 'a signed checkpoint note (ledger checkpoint); repeat for several', (file: string, all: string[]) => [...all, file], [])
    .option('--key <verifierKey>', 'the log\'s verifier key, or a file holding it (GET /api/keys)')
    .option('--threads <n>', `threads that recompute hashes (default 1; up to ${availableHashThreads()} may help on an idle machine: npm run bench:verify measures it)`, wholeNumber)
    .action(async (file: string, options: VerifyOptions) => {
      if (options.checkpoint.length > 0 && options.key === undefined) ctx.usage('--checkpoint needs --key: a checkpoint is worth what the key that signed it is');
      const checkpoints: CheckpointInput[] = [];
      try {
        await checkReadable(file);
        const key = options.key === undefined ? undefined : readVerifierKey(options.key);
        for (const note of options.checkpoint) checkpoints.push(checkpointInput(readNote(note), key!));
      } catch (error) {
        ctx.usage((error as Error).message);
      }
      const shown = progress('verified');
      const verification = await verifyExport(file, checkpoints, { threads: options.threads, onEvents: (count) => shown.tick(count) });
      shown.done();
      ctx.print(verification, report(file, verification));
      if (!verification.valid) process.exitCode = 1;
    });
}

function report(file: string, v: ExportVerification): string {
  const lines = [`${file}: ${v.events} events in ${v.streams} streams`];
  if (v.scope === 'agreement') lines.push('one agreement\'s export: its hash chain is checked; the ledger tree (Merkle) check is skipped');
  else if (v.rootHash !== null) lines.push(`ledger tree root: ${v.rootHash}`);
  if (v.checkpoint?.verified) lines.push(`checkpoint of size ${v.checkpoint.treeSize}: signature verified, root equals the export's`);
  else if (v.checkpoint?.reason !== undefined) lines.push(`checkpoint of size ${v.checkpoint.treeSize}: ${v.checkpoint.reason}`);
  const p = v.firstProblem;
  if (p !== undefined) lines.push(`first problem: position ${p.position ?? '?'}, ${p.streamId ?? '?'} revision ${p.revision ?? '?'}, event ${p.eventId ?? '?'}: ${p.reason}`);
  lines.push(v.valid ? 'VALID' : 'INVALID');
  return lines.join('\n');
}

function wholeNumber(value: string): number {
  if (!/^[1-9][0-9]?$/.test(value)) throw new InvalidArgumentError('a whole number from 1 to 99');
  return Number(value);
}

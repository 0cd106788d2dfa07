import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkLogFile, copyLogFile } from '../../backup/log-file.js';
import type { CliContext } from '../cli-context.js';

export function registerBackup(program: Command, ctx: CliContext): void {
  program
    .command('backup')
    .description('copy the log consistently, also while the server runs, and verify the copy before saying done')
    .requiredOption('--out <file>', 'where the copy goes (must not exist yet)')
    .action(async (options: { out: string }) => {
      if ((process.env.LEDGER_STORE ?? 'sqlite') !== 'sqlite') ctx.fail('ledger backup copies the embedded SQLite log; back EventStoreDB up with its own tools');
      const source = join(ctx.dataDir, 'ledger.sqlite');
      const out = resolve(options.out);
      if (!existsSync(source)) ctx.fail(`no log at ${source} (--data-dir or LEDGER_DATA_DIR names the server's data directory)`);
      if (existsSync(out)) ctx.fail(`${out} exists already; choose a new file`);
      const started = performance.now();
      // Written beside the target and renamed only once verified: a file named FILE is a good backup.
      const partial = `${out}.partial`;
      rmSync(partial, { force: true });
      try {
        await copyLogFile(source, partial);
      } catch (error) {
        rmSync(partial, { force: true });
        ctx.fail(`could not copy ${source}: ${(error as Error).message}`);
      }
      const check = checkLogFile(partial);
      if (!check.valid) {
        rmSync(partial, { force: true });
        ctx.fail(`the copy failed verification at position ${check.firstProblem?.position ?? '-'}: ${check.firstProblem?.reason}`, 1);
      }
      renameSync(partial, out);
      const seconds = (performance.now() - started) / 1000;
      const bytes = statSync(out).size;
      ctx.print(
        { file: out, events: check.events, streams: check.streams, headPosition: check.headPosition, bytes, seconds: Number(seconds.toFixed(3)) },
        `Backed up ${check.events} events in ${check.streams} streams (up to position ${check.headPosition ?? 'none'}) to ${out}; every hash chain verifies.`,
      );
    });
}

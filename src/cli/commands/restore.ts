import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { checkLogFile, copyLogFile } from '../../backup/log-file.js';
import type { CliContext } from '../cli-context.js';

export function registerRestore(program: Command, ctx: CliContext): void {
  program
    .command('restore')
    .description('restore a backup into an empty data directory, verifying it first (read models are rebuilt by the server)')
    .argument('<file>', 'a file made by ledger backup')
    .action(async (file: string) => {
      if (!ctx.dataDirGiven) ctx.fail('restore needs --data-dir <dir>: an empty directory for the restored ledger');
      const backup = resolve(file);
      const dataDir = ctx.dataDir;
      if (!existsSync(backup)) ctx.fail(`no file ${backup}`);
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) ctx.fail(`${dataDir} is not empty: restore only into an empty directory`);
      const check = checkLogFile(backup);
      if (!check.valid) {
        ctx.fail(`${backup} failed verification at position ${check.firstProblem?.position ?? '-'}: ${check.firstProblem?.reason}; nothing was restored`, 1);
      }
      mkdirSync(dataDir, { recursive: true });
      const target = join(dataDir, 'ledger.sqlite');
      try {
        await copyLogFile(backup, `${target}.partial`);
        renameSync(`${target}.partial`, target);
      } catch (error) {
        rmSync(`${target}.partial`, { force: true });
        ctx.fail(`could not write ${target}: ${(error as Error).message}`);
      }
      ctx.print(
        { dataDir, events: check.events, streams: check.streams, headPosition: check.headPosition },
        [
          `Restored ${check.events} events in ${check.streams} streams to ${target}.`,
          'Start the server on it: it rebuilds the read models and, as on a first start, creates and prints an admin token.',
        ].join('\n'),
      );
    });
}

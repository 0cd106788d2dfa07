import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createKeyFile } from '../../checkpoints/log-keys.js';
import type { CliContext } from '../cli-context.js';

/** The log's key file for several instances (LEDGER_SIGNING_KEY_FILE): made once, copied to each. */
export function registerLogKeyCreate(logKey: Command, ctx: CliContext): void {
  logKey
    .command('create')
    .description('make a key file for LEDGER_SIGNING_KEY_FILE (one Ed25519 signing key, 0600); give every instance a copy')
    .requiredOption('--out <file>', 'where to write it; an existing file is never replaced')
    .action((options: { out: string }) => {
      const path = resolve(options.out);
      let key;
      try {
        key = createKeyFile(path, new Date());
      } catch (error) {
        ctx.usage((error as Error).message);
      }
      ctx.print({ file: path, ...key }, `Wrote the log's signing key to ${path}; its verifier key, for auditors:\n\n    ${key.verifierKey}`);
    });
}

import { Command, CommanderError } from 'commander';
import { keepNewFilesPrivate } from '../state/private-files.js';
import { CliContext, CliFailure } from './cli-context.js';
import { registerBackup } from './commands/backup.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerLogKeyCreate } from './commands/log-key-create.js';
import { registerProve } from './commands/prove.js';
import { registerReplay } from './commands/replay.js';
import { registerVerify } from './commands/verify.js';
import { registerWitness } from './commands/witness.js';
import { registerRebuild } from './commands/rebuild.js';
import { registerRestore } from './commands/restore.js';
import { registerTokenCreate } from './commands/token-create.js';
import { registerTokenList } from './commands/token-list.js';
import { registerTokenRevoke } from './commands/token-revoke.js';

keepNewFilesPrivate();

/** `ledger`: the operators' and auditors' command. Each command lives in its own file. */
const program = new Command('ledger')
  .description('agreement-ledger: auditor tools (export, verify, replay, prove, import), a witness, access tokens and read-model maintenance')
  .option('--data-dir <dir>', 'the data directory the server uses (default: $LEDGER_DATA_DIR or ./data)')
  .option('--json', 'print one JSON object per command, for scripts')
  .showHelpAfterError()
  .exitOverride();
// With --json a script reads the answer: an error is one JSON object on stderr, never the help text.
// (Read from argv: a parse error can come before commander has parsed --json itself.)
const json = process.argv.slice(2).includes('--json');
if (json) program.configureOutput({ writeErr: () => undefined });
const ctx = new CliContext(program);

registerExport(program, ctx);
registerCheckpoint(program, ctx);
registerVerify(program, ctx);
registerReplay(program, ctx);
registerProve(program, ctx);
registerImport(program, ctx);
registerWitness(program, ctx);
const token = program.command('token').description('access tokens for the HTTP API');
registerTokenCreate(token, ctx);
registerTokenList(token, ctx);
registerTokenRevoke(token, ctx);
registerLogKeyCreate(program.command('log-key').description("the log's checkpoint signing key"), ctx);
registerRebuild(program, ctx);
registerBackup(program, ctx);
registerRestore(program, ctx);

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = report(error);
} finally {
  await ctx.close();
}

/** Prints a failure the way the caller asked for (human text or JSON on stderr) and returns the exit code. */
function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help, --version: not a failure. Otherwise commander has already told a person what was wrong.
    if (error.exitCode === 0) return 0;
    if (json) writeJsonError('usage', error.message.replace(/^error: /, ''), 2);
    return 2;
  }
  if (error instanceof CliFailure) {
    if (json) writeJsonError(error.exitCode === 1 ? 'verification-failed' : 'usage', error.message, error.exitCode);
    else process.stderr.write(`ledger: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (json) writeJsonError('failed', message, 2);
  else process.stderr.write(`ledger: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  return 2;
}

function writeJsonError(code: string, message: string, exitCode: number): void {
  process.stderr.write(`${JSON.stringify({ error: { code, message, exitCode } })}\n`);
}

import { Command, CommanderError } from 'commander';
import { keepNewFilesPrivate } from '../state/private-files.js';
import { CliContext } from './cli-context.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerProve } from './commands/prove.js';
import { registerReplay } from './commands/replay.js';
import { registerVerify } from './commands/verify.js';
import { registerRebuild } from './commands/rebuild.js';
import { registerTokenCreate } from './commands/token-create.js';
import { registerTokenList } from './commands/token-list.js';
import { registerTokenRevoke } from './commands/token-revoke.js';

keepNewFilesPrivate();

/** `ledger`: the operators' and auditors' command. Each command lives in its own file. */
const program = new Command('ledger')
  .description('agreement-ledger: auditor tools (export, verify, replay, prove, import), access tokens and read-model maintenance')
  .option('--data-dir <dir>', 'the data directory the server uses (default: $LEDGER_DATA_DIR or ./data)')
  .option('--json', 'print one JSON document per command, for scripts')
  .showHelpAfterError()
  // Exit codes (API.md "CLI"): 0 good, 1 the data failed verification, 2 usage error or unreadable
  // input. Commander's own parse errors exit 1 by default; here they are the usage errors they are.
  .exitOverride((error: CommanderError) => {
    const parseError = error.code.startsWith('commander.') && error.code !== 'commander.error' && error.exitCode !== 0;
    process.exit(parseError ? 2 : error.exitCode);
  });
const ctx = new CliContext(program);

registerExport(program, ctx);
registerCheckpoint(program, ctx);
registerVerify(program, ctx);
registerReplay(program, ctx);
registerProve(program, ctx);
registerImport(program, ctx);
const token = program.command('token').description('access tokens for the HTTP API');
registerTokenCreate(token, ctx);
registerTokenList(token, ctx);
registerTokenRevoke(token, ctx);
registerRebuild(program, ctx);

try {
  await program.parseAsync();
} catch (error) {
  // What no command caught is input it could not read, never a verdict on the data.
  process.stderr.write(`ledger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
} finally {
  ctx.close();
}

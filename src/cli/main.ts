import { Command } from 'commander';
import { keepNewFilesPrivate } from '../state/private-files.js';
import { CliContext } from './cli-context.js';
import { registerRebuild } from './commands/rebuild.js';
import { registerTokenCreate } from './commands/token-create.js';
import { registerTokenList } from './commands/token-list.js';
import { registerTokenRevoke } from './commands/token-revoke.js';

keepNewFilesPrivate();

/** `ledger`: the operators' and auditors' command. Each command lives in its own file. */
const program = new Command('ledger')
  .description('agreement-ledger: access tokens and read-model maintenance; auditor tools join as they come')
  .option('--data-dir <dir>', 'the data directory the server uses (default: $LEDGER_DATA_DIR or ./data)')
  .option('--json', 'print one JSON object per command, for scripts')
  .showHelpAfterError();
const ctx = new CliContext(program);

const token = program.command('token').description('access tokens for the HTTP API');
registerTokenCreate(token, ctx);
registerTokenList(token, ctx);
registerTokenRevoke(token, ctx);
registerRebuild(program, ctx);

try {
  await program.parseAsync();
} finally {
  await ctx.close();
}

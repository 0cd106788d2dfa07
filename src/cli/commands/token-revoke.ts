import type { Command } from 'commander';
import { LedgerTokenStore } from '../../auth/tokens/ledger-token-store.js';
import type { CliContext } from '../cli-context.js';

export function registerTokenRevoke(token: Command, ctx: CliContext): void {
  token
    .command('revoke')
    .description('revoke a token; it stops working at once, also in a running server')
    .argument('<id>', 'token id, e.g. tok_3f9a…')
    .action((id: string) => {
      const store = new LedgerTokenStore(ctx.stateDatabase());
      if (!store.revoke(id)) ctx.fail(`no token ${id}`);
      const record = store.get(id)!;
      ctx.print({ id, revokedAt: record.revokedAt }, `Revoked ${id} ("${record.name}").`);
    });
}

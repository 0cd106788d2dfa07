import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function registerTokenRevoke(token: Command, ctx: CliContext): void {
  token
    .command('revoke')
    .description('revoke a token; it stops working at once, also in a running server')
    .argument('<id>', 'token id, e.g. tok_3f9a…')
    .action(async (id: string) => {
      const store = await ctx.tokenStore();
      if (!(await store.revoke(id))) ctx.fail(`no token ${id}`);
      const record = (await store.get(id))!;
      ctx.print({ id, revokedAt: record.revokedAt }, `Revoked ${id} ("${record.name}").`);
    });
}

import type { Command } from 'commander';
import type { TokenRecord } from '../../auth/tokens/token-store.js';
import type { CliContext } from '../cli-context.js';

export function registerTokenList(token: Command, ctx: CliContext): void {
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async () => {
      const tokens = await (await ctx.tokenStore()).list();
      ctx.print({ items: tokens, total: tokens.length }, tokens.length === 0 ? 'No tokens.' : table(tokens));
    });
}

function table(tokens: TokenRecord[]): string {
  const rows = tokens.map((t) => [
    t.id,
    t.role,
    t.partyId ?? t.region ?? '',
    t.name,
    t.createdAt.slice(0, 19),
    t.lastUsedAt?.slice(0, 19) ?? 'never',
    t.revokedAt ? `revoked ${t.revokedAt.slice(0, 10)}` : t.expiresAt ? `expires ${t.expiresAt.slice(0, 10)}` : 'active',
  ]);
  const header = ['ID', 'ROLE', 'SCOPE', 'NAME', 'CREATED', 'LAST USED', 'STATE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

import type { Command } from 'commander';
import type { TokenRecord } from '../../auth/tokens/token-store.js';
import { helsinkiDate } from '../../core/helsinki-date.js';
import type { CliContext } from '../cli-context.js';

type TokenState = 'active' | 'expired' | 'revoked';

function stateOf(token: TokenRecord, now: Date): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** The last day a token works, in Europe/Helsinki (an expiry at midnight ends the day before). */
function lastDay(expiresAt: string): string {
  return helsinkiDate(new Date(Date.parse(expiresAt) - 1));
}

export function registerTokenList(token: Command, ctx: CliContext): void {
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async () => {
      const now = new Date();
      const tokens = (await (await ctx.tokenStore()).list()).map((t) => ({ ...t, state: stateOf(t, now) }));
      ctx.print({ items: tokens, total: tokens.length }, tokens.length === 0 ? 'No tokens.' : table(tokens));
    });
}

function table(tokens: Array<TokenRecord & { state: TokenState }>): string {
  const rows = tokens.map((t) => [
    t.id,
    t.role,
    t.partyId ?? t.region ?? '',
    t.name,
    t.createdAt.slice(0, 19),
    t.lastUsedAt?.slice(0, 19) ?? 'never',
    t.state === 'revoked'
      ? `revoked ${helsinkiDate(new Date(t.revokedAt!))}`
      : t.state === 'expired'
        ? `expired after ${lastDay(t.expiresAt!)}`
        : t.expiresAt
          ? `active through ${lastDay(t.expiresAt)}`
          : 'active',
  ]);
  const header = ['ID', 'ROLE', 'SCOPE', 'NAME', 'CREATED', 'LAST USED', 'STATE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

import type { Command } from 'commander';
import { checkTokenSpec } from '../../auth/tokens/token-spec.js';
import type { CliContext } from '../cli-context.js';

export function registerTokenCreate(token: Command, ctx: CliContext): void {
  token
    .command('create')
    .description('create an access token; it is shown once and stored only as a hash')
    .requiredOption('--role <role>', 'admin | clerk | auditor')
    .requiredOption('--name <name>', 'who holds it; becomes the actor of the events it records')
    .option('--party <businessId>', "clerk: the party (Y-tunnus) it records for, e.g. 0161999-1")
    .option('--region <region>', 'admin: limit it to one region, e.g. Kymenlaakso')
    .option('--expires <date>', 'the last day it works (YYYY-MM-DD, to the end of that day in Europe/Helsinki), or an ISO 8601 timestamp')
    .action(async (options: { role: string; name: string; party?: string; region?: string; expires?: string }) => {
      const checked = checkTokenSpec({
        role: options.role,
        name: options.name,
        partyId: options.party,
        region: options.region,
        expiresAt: options.expires,
      });
      if (!checked.ok) ctx.fail(checked.problems.join('; '));
      const { token: secret, record } = await (await ctx.tokenStore()).create(checked.spec);
      ctx.print(
        {
          id: record.id,
          token: secret,
          role: record.role,
          ...(record.partyId && { partyId: record.partyId }),
          ...(record.region && { region: record.region }),
          name: record.name,
          ...(record.expiresAt && { expiresAt: record.expiresAt }),
        },
        `Created ${record.role} token ${record.id} for "${record.name}". It is shown only this once:\n\n    ${secret}\n`,
      );
    });
}

import type { Command } from 'commander';
import { checkReadable } from '../../audit/export-file.js';
import { replayExport, type AgreementAnswers } from '../../audit/replay-export.js';
import { helsinkiDate, isIsoDate } from '../../core/helsinki-date.js';
import { parseLogPosition } from '../../core/log-position.js';
import { parseKnownAt } from '../../read-models/known-at.js';
import type { CliContext } from '../cli-context.js';
import { progress } from '../progress.js';

interface ReplayOptions {
  readonly agreement?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
}

export function registerReplay(program: Command, ctx: CliContext): void {
  program
    .command('replay')
    .description('what was in force, and each version\'s history, computed from an export by the server\'s own projections')
    .argument('<file>', 'an export (ledger export); verify it first')
    .option('--agreement <id>', 'only this agreement')
    .option('--as-of <date>', 'what was in force on this date (YYYY-MM-DD; default: today in Helsinki)')
    .option('--known-at <instant|position>', 'as the ledger knew it then: an ISO 8601 instant or a log position')
    .action(async (file: string, options: ReplayOptions) => {
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) ctx.usage(`--as-of ${options.asOf} is not a date (YYYY-MM-DD)`);
      const knownAt = options.knownAt === undefined ? undefined : parseKnownAt(options.knownAt, (raw) => parseLogPosition(raw) !== undefined);
      if (options.knownAt !== undefined && knownAt === undefined) ctx.usage(`--known-at ${options.knownAt} is neither an ISO 8601 instant nor a log position`);
      await checkReadable(file).catch((error: Error) => ctx.usage(error.message));
      const asOf = options.asOf ?? helsinkiDate(new Date());
      const shown = progress('replayed');
      const replay = await replayExport(file, { asOf, ...(options.agreement && { agreementId: options.agreement }), ...(knownAt && { knownAt }) }, (n) => shown.tick(n));
      shown.done();
      if ('problem' in replay) {
        const p = replay.problem;
        ctx.fail(`cannot replay: position ${p.position ?? '?'}, ${p.streamId ?? '?'} revision ${p.revision ?? '?'}, event ${p.eventId ?? '?'}: ${p.reason}`, 1);
      }
      if (options.agreement !== undefined && replay.agreements.length === 0) ctx.usage(`the export holds no agreement ${options.agreement}${knownAt ? ' known at that time' : ''}`);
      ctx.print(replay.agreements, replay.agreements.map(table).join('\n\n'));
    });
}

/** One agreement as a person reads it: the status, then each version's history. */
function table({ status, versions }: AgreementAnswers): string {
  const force = status.inForce ? `in force: version ${status.inForceVersion} since ${status.inForceSince}` : 'not in force';
  const lines = [
    `${status.agreementId} — as of ${status.asOf}, known at ${status.knownAt}: ${force}${status.terminatedOn ? `, terminated on ${status.terminatedOn}` : ''}`,
    `  latest version ${status.latestVersion}: ${status.latestVersionState}`,
    ...status.pending.map((p) => `    ${p.partyId}  ${p.name}: approval ${p.approval}, signature ${p.signature}`),
    ...versions.map((v) => {
      const intervals = v.inForce.map((i) => `${i.from}–${i.to ?? ''}${i.endedBy ? ` (${i.endedBy})` : ''}`).join(', ');
      return `  version ${v.version}: ${v.state}${intervals ? `; in force ${intervals}` : ''}`;
    }),
  ];
  return lines.join('\n');
}

import type { Command } from 'commander';
import { checkReadable, readExport } from '../../audit/export-file.js';
import { verifyExport } from '../../audit/verify-export.js';
import { LogVerifier } from '../../core/log-verifier.js';
import type { StoredEvent } from '../../core/stored-event.js';
import { LogNotEmptyError, importIntoEmptyLog } from '../../event-store/sqlite/sqlite-log-import.js';
import { runningServerPid } from '../../state/server-pid.js';
import type { CliContext } from '../cli-context.js';
import { progress } from '../progress.js';

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('fill an empty data directory from an export, verified first; nothing is written if any of it fails')
    .argument('<file>', 'an export of the whole log (ledger export)')
    .action(async (file: string) => {
      await checkReadable(file).catch((error: Error) => ctx.usage(error.message));
      const pid = runningServerPid(ctx.dataDir);
      if (pid !== undefined) ctx.usage(`a server (pid ${pid}) runs on ${ctx.dataDir}: import fills a data directory no server uses`);
      const checked = progress('verified');
      const verification = await verifyExport(file, [], { onEvents: (n) => checked.tick(n) });
      checked.done();
      const p = verification.firstProblem;
      if (p !== undefined) ctx.fail(`nothing imported: position ${p.position ?? '?'}, ${p.streamId ?? '?'} revision ${p.revision ?? '?'}, event ${p.eventId ?? '?'}: ${p.reason}`, 1);
      const written = progress('imported');
      let events: number;
      try {
        events = await importIntoEmptyLog(ctx.logFile, verifiedEvents(file, (n) => written.tick(n)));
      } catch (error) {
        if (error instanceof LogNotEmptyError) ctx.usage(error.message);
        ctx.fail(`nothing imported: ${(error as Error).message}`, 1);
      } finally {
        written.done();
      }
      ctx.print(
        { events, streams: verification.streams, rootHash: verification.rootHash, dataDir: ctx.dataDir },
        `Imported ${events} events of ${verification.streams} agreements into ${ctx.logFile}.`,
      );
    });
}

/** The file's events, verified again as they are written: the file may have changed since the first reading. */
async function* verifiedEvents(file: string, onEvents: (count: number) => void): AsyncGenerator<StoredEvent> {
  const verifier = new LogVerifier();
  for await (const batch of readExport(file)) {
    for (const line of batch) {
      const problem = 'problem' in line ? line.problem : verifier.add(line.event);
      if (problem !== undefined) throw new Error(`line ${line.line} changed since it was verified: ${problem}`);
      yield (line as { event: StoredEvent }).event;
    }
    onEvents(verifier.events);
  }
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { exportLine } from '../../core/exported-event.js';
import type { CliContext } from '../cli-context.js';
import { ledgerEvents, remoteApi, withRemoteOptions, type RemoteOptions } from '../ledger-source.js';
import { progress } from '../progress.js';

interface ExportOptions extends RemoteOptions {
  readonly agreement?: string;
  readonly out?: string;
}

export function registerExport(program: Command, ctx: CliContext): void {
  withRemoteOptions(
    program
      .command('export')
      .description('write the log, or one agreement, as NDJSON: one stored event a line as GET …/events gives it, in position order')
      .option('--agreement <id>', 'only this agreement\'s events')
      .option('--out <file>', 'write to this file instead of stdout'),
  ).action(async (options: ExportOptions) => {
    const api = remoteApi(options, ctx);
    const out: Writable = options.out === undefined ? process.stdout : createWriteStream(options.out);
    const shown = progress('exported');
    let events = 0;
    try {
      for await (const page of ledgerEvents(ctx, api, options.agreement)) {
        // One page in memory at a time: wait for the writer to drain before reading the next.
        let drained = true;
        for (const event of page) drained = out.write(`${exportLine(event)}\n`) && drained;
        if (!drained) await once(out, 'drain');
        events += page.length;
        shown.tick(events);
      }
    } catch (error) {
      ctx.usage(`cannot read the ledger: ${(error as Error).message}`);
    } finally {
      shown.done();
      if (options.out !== undefined) {
        out.end();
        await once(out, 'close');
      }
    }
    if (options.agreement !== undefined && events === 0) ctx.usage(`there is no agreement ${options.agreement}`);
    if (options.out !== undefined) ctx.print({ events, out: options.out }, `Exported ${events} events to ${options.out}.`);
  });
}

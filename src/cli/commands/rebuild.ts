import type { Command } from 'commander';
import { loadConfig } from '../../config/ledger-config.js';
import { openEventStore } from '../../event-store/open-event-store.js';
import { ProjectionRunner } from '../../read-models/projection-runner.js';
import { ReadModelStore } from '../../read-models/read-model-store.js';
import { runningServerPid } from '../../state/server-pid.js';
import type { CliContext } from '../cli-context.js';

export function registerRebuild(program: Command, ctx: CliContext): void {
  program
    .command('rebuild')
    .description('rebuild every read model from the start of the log (stop the server first)')
    .option('--force', 'rebuild even though a server seems to run on this data directory')
    .action(async (options: { force?: boolean }) => {
      const pid = runningServerPid(ctx.dataDir);
      if (pid !== undefined && !options.force) {
        ctx.fail(`a server (pid ${pid}) runs on ${ctx.dataDir}: stop it first, or pass --force and restart it afterwards`);
      }
      const config = loadConfig({ ...process.env, LEDGER_DATA_DIR: ctx.dataDir });
      const store = await openEventStore(config.store);
      const readModels = new ReadModelStore(ctx.dataDir);
      try {
        const started = performance.now();
        readModels.reset();
        const events = await new ProjectionRunner(store, readModels).runToHead();
        const seconds = (performance.now() - started) / 1000;
        const position = readModels.checkpoint() ?? null;
        ctx.print(
          { events, position, seconds: Number(seconds.toFixed(3)) },
          `Rebuilt the read models from ${events} events in ${seconds.toFixed(1)} s (up to position ${position ?? 'none'}).`,
        );
      } finally {
        readModels.close();
        await store.close();
      }
    });
}

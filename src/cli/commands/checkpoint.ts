import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { latestCheckpoint } from '../checkpoint-source.js';
import type { CliContext } from '../cli-context.js';
import { remoteApi, withRemoteOptions, type RemoteOptions } from '../ledger-source.js';

interface CheckpointOptions extends RemoteOptions {
  readonly out?: string;
}

export function registerCheckpoint(program: Command, ctx: CliContext): void {
  withRemoteOptions(
    program
      .command('checkpoint')
      .description('the latest signed checkpoint note (C2SP tlog-checkpoint), verbatim; keep it beside the export')
      .option('--out <file>', 'write the note to this file instead of stdout'),
  ).action(async (options: CheckpointOptions) => {
    const api = remoteApi(options, ctx);
    let latest;
    try {
      latest = await latestCheckpoint(ctx, api);
    } catch (error) {
      ctx.usage((error as Error).message);
    }
    const { note, checkpoint } = latest;
    if (options.out !== undefined) writeFileSync(options.out, note);
    const summary = { origin: checkpoint.origin, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash.toString('hex'), checkpoint: note };
    if (options.out !== undefined) ctx.print(summary, `Wrote the checkpoint of ${checkpoint.origin} at size ${checkpoint.treeSize} to ${options.out}.`);
    else if (ctx.json) ctx.print(summary, '');
    else process.stdout.write(note);
  });
}

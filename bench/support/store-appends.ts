/**
 * bench:store scenarios 1 and 2: durable appends of one ~1 KB event through the store (one caller
 * awaiting each append; many callers on their own streams, group-committed) against raw
 * better-sqlite3 inserting one row per fsynced transaction, each on a fresh file.
 */
import { join } from 'node:path';
import type { ExpectedRevision } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { removeDatabase, rotate } from './bench-run.js';
import { agreementAmended, streamName } from './fixtures.js';
import { RawSqliteLog } from './raw-sqlite.js';
import { timeAsync } from './stats.js';
import { formatFixed, formatInt } from './table.js';

export interface AppendSettings {
  readonly runs: number;
  readonly appends: number;
  readonly streams: number;
  readonly callers: number;
}

export interface AppendResults {
  readonly raw: number[];
  readonly single: number[];
  readonly concurrent: number[];
  readonly singleBatch: number[];
  readonly concurrentBatch: number[];
}

interface AppendRun {
  readonly opsPerSecond: number;
  /** Mean appends per group commit. */
  readonly meanBatch: number;
}

/**
 * The appends of `settings.runs` rounds. One caller, ours and raw, go in alternating blocks of
 * BLOCK appends, each block timed on its own: an fsync here costs 0.25 ms one second and 2 ms the
 * next (the disk is shared), and whole runs one after the other compared the disk's moods more
 * than the stores. The concurrent callers run on their own, taking turns going first.
 */
export async function benchAppends(settings: AppendSettings, workDir: string, progress: (message: string) => void): Promise<AppendResults> {
  if (settings.callers > settings.streams) throw new RangeError('BENCH_CALLERS must not exceed BENCH_STREAMS: each caller needs its own streams');
  const fixtures = {
    streamIds: Array.from({ length: settings.streams }, (_, n) => streamName(n)),
    events: Array.from({ length: settings.streams }, (_, n) => agreementAmended(n)),
  };
  const results: AppendResults = { raw: [], single: [], concurrent: [], singleBatch: [], concurrentBatch: [] };
  for (let run = 0; run < settings.runs; run++) {
    const file = (name: string): string => join(workDir, `append-${name}-${run}.sqlite`);
    await rotate(run, [
      async () => {
        const paired = await singleCallerPaired(file('raw'), file('ours-1'), run, settings, fixtures);
        results.raw.push(paired.raw);
        results.single.push(paired.ours);
        results.singleBatch.push(paired.meanBatch);
        removeDatabase(file('raw'));
        removeDatabase(file('ours-1'));
      },
      async () => {
        const r = await concurrentAppends(file('ours-n'), settings, fixtures);
        results.concurrent.push(r.opsPerSecond);
        results.concurrentBatch.push(r.meanBatch);
        removeDatabase(file('ours-n'));
      },
    ]);
    progress(
      `appends run ${run + 1}/${settings.runs}: raw ${formatInt(results.raw.at(-1)!)}/s, ours 1 caller ${formatInt(results.single.at(-1)!)}/s, ` +
        `ours ${settings.callers} callers ${formatInt(results.concurrent.at(-1)!)}/s (mean batch ${formatFixed(results.concurrentBatch.at(-1)!, 1)})`,
    );
  }
  return results;
}

/** Appends per block of the paired single-caller measurement. */
const BLOCK = 50;

/** One caller's appends, ours and raw in alternating timed blocks: stream after stream, each at its exact revision. */
async function singleCallerPaired(
  rawFile: string,
  oursFile: string,
  run: number,
  settings: AppendSettings,
  fixtures: Fixtures,
): Promise<{ raw: number; ours: number; meanBatch: number }> {
  const raw = new RawSqliteLog(rawFile);
  const store = new SqliteEventStore({ file: oursFile });
  let commits = 0;
  const unsubscribe = store.onGroupCommit(() => commits++);
  const rawRevisions = new Int32Array(settings.streams).fill(-1);
  const oursRevisions = new Array<bigint>(settings.streams).fill(-1n);
  const seconds = { raw: 0, ours: 0 };
  const rawBlock = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const s = i % settings.streams;
      const event = fixtures.events[s]!;
      raw.append(fixtures.streamIds[s]!, ++rawRevisions[s]!, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
    }
  };
  const oursBlock = async (from: number, to: number): Promise<void> => {
    for (let i = from; i < to; i++) {
      const s = i % settings.streams;
      const expectedRevision: ExpectedRevision = oursRevisions[s]! < 0n ? 'no-stream' : oursRevisions[s]!;
      oursRevisions[s] = (await store.append(fixtures.streamIds[s]!, [fixtures.events[s]!], { expectedRevision })).nextExpectedRevision;
    }
  };
  for (let from = 0, block = 0; from < settings.appends; from += BLOCK, block++) {
    const to = Math.min(settings.appends, from + BLOCK);
    const steps = [async () => void (seconds.raw += await timeAsync(() => rawBlock(from, to))), async () => void (seconds.ours += await timeAsync(() => oursBlock(from, to)))];
    for (const step of (block + run) % 2 === 0 ? steps : steps.reverse()) await step();
  }
  unsubscribe();
  const rows = raw.count();
  raw.close();
  const head = await store.headPosition();
  await store.close();
  if (rows !== settings.appends) throw new Error(`raw: expected ${settings.appends} rows, found ${rows}`);
  if (head !== String(settings.appends)) throw new Error(`ours (1 caller): expected ${settings.appends} events, head is ${head}`);
  return { raw: settings.appends / seconds.raw, ours: settings.appends / seconds.ours, meanBatch: settings.appends / Math.max(1, commits) };
}

interface Fixtures {
  readonly streamIds: readonly string[];
  readonly events: ReturnType<typeof agreementAmended>[];
}

async function concurrentAppends(file: string, settings: AppendSettings, fixtures: Fixtures): Promise<AppendRun> {
  const { callers } = settings;
  const store = new SqliteEventStore({ file });
  let commits = 0;
  const unsubscribe = store.onGroupCommit(() => commits++);
  const revisions = new Array<bigint>(settings.streams).fill(-1n);
  const caller = async (c: number): Promise<void> => {
    const n = Math.floor(settings.appends / callers) + (c < settings.appends % callers ? 1 : 0);
    // Caller c owns streams c, c + callers, c + 2·callers, …: callers never share a stream.
    const owned = Math.floor((settings.streams - 1 - c) / callers) + 1;
    for (let k = 0; k < n; k++) {
      const s = c + callers * (k % owned);
      const expectedRevision: ExpectedRevision = revisions[s]! < 0n ? 'no-stream' : revisions[s]!;
      const result = await store.append(fixtures.streamIds[s]!, [fixtures.events[s]!], { expectedRevision });
      revisions[s] = result.nextExpectedRevision;
    }
  };
  const seconds = await timeAsync(async () => {
    await Promise.all(Array.from({ length: callers }, (_, c) => caller(c)));
  });
  unsubscribe();
  const head = await store.headPosition();
  await store.close();
  if (head !== String(settings.appends)) throw new Error(`ours (${callers} callers): expected ${settings.appends} events, head is ${head}`);
  return { opsPerSecond: settings.appends / seconds, meanBatch: settings.appends / Math.max(1, commits) };
}

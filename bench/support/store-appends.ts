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

/** The appends of `settings.runs` rounds, raw and ours (1 caller, many) taking turns going first. */
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
        results.raw.push((await rawAppends(file('raw'), settings, fixtures)).opsPerSecond);
        removeDatabase(file('raw'));
      },
      async () => {
        const r = await oursAppends(file('ours-1'), 1, settings, fixtures);
        results.single.push(r.opsPerSecond);
        results.singleBatch.push(r.meanBatch);
        removeDatabase(file('ours-1'));
      },
      async () => {
        const r = await oursAppends(file('ours-n'), settings.callers, settings, fixtures);
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

interface Fixtures {
  readonly streamIds: readonly string[];
  readonly events: ReturnType<typeof agreementAmended>[];
}

async function oursAppends(file: string, callers: number, settings: AppendSettings, fixtures: Fixtures): Promise<AppendRun> {
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

async function rawAppends(file: string, settings: AppendSettings, fixtures: Fixtures): Promise<AppendRun> {
  const raw = new RawSqliteLog(file);
  const revisions = new Int32Array(settings.streams).fill(-1);
  const seconds = await timeAsync(() => {
    for (let i = 0; i < settings.appends; i++) {
      const s = i % settings.streams;
      const event = fixtures.events[s]!;
      raw.append(fixtures.streamIds[s]!, ++revisions[s]!, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
    }
  });
  const count = raw.count();
  raw.close();
  if (count !== settings.appends) throw new Error(`raw: expected ${settings.appends} rows, found ${count}`);
  return { opsPerSecond: settings.appends / seconds, meanBatch: 1 };
}

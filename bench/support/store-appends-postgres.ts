/**
 * bench:store:postgres: durable appends of one ~1 KB event through the PostgreSQL store (one
 * caller awaiting each append; many callers on their own streams, group-committed) against raw
 * `pg` on the same server — one INSERT per transaction, and batched INSERTs — each run on fresh
 * databases.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ExpectedRevision } from '../../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { rotate } from './bench-run.js';
import { agreementAmended, streamName } from './fixtures.js';
import { RawPostgresLog } from './raw-postgres.js';
import { timeAsync } from './stats.js';
import { formatFixed, formatInt } from './table.js';

export interface PostgresAppendSettings {
  readonly runs: number;
  readonly appends: number;
  readonly streams: number;
  readonly callers: number;
  /** Rows per transaction of the raw batched baseline. */
  readonly rawBatch: number;
}

export interface PostgresAppendResults {
  readonly raw: number[];
  readonly rawBatched: number[];
  readonly single: number[];
  readonly concurrent: number[];
  readonly concurrentBatch: number[];
}

interface Fixtures {
  readonly streamIds: readonly string[];
  readonly events: ReturnType<typeof agreementAmended>[];
}

/** Appends per block of the paired single-caller measurement, as in the SQLite bench. */
const BLOCK = 50;

export async function benchPostgresAppends(
  settings: PostgresAppendSettings,
  serverUrl: string,
  progress: (message: string) => void,
): Promise<PostgresAppendResults> {
  if (settings.callers > settings.streams) throw new RangeError('BENCH_CALLERS must not exceed BENCH_STREAMS: each caller needs its own streams');
  const fixtures: Fixtures = {
    streamIds: Array.from({ length: settings.streams }, (_, n) => streamName(n)),
    events: Array.from({ length: settings.streams }, (_, n) => agreementAmended(n)),
  };
  const results: PostgresAppendResults = { raw: [], rawBatched: [], single: [], concurrent: [], concurrentBatch: [] };
  for (let run = 0; run < settings.runs; run++) {
    await rotate(run, [
      () =>
        onFreshDatabases(serverUrl, 2, async ([rawUrl, oursUrl]) => {
          const paired = await singleCallerPaired(rawUrl!, oursUrl!, run, settings, fixtures);
          results.raw.push(paired.raw);
          results.single.push(paired.ours);
        }),
      () => onFreshDatabases(serverUrl, 1, async ([url]) => void results.rawBatched.push(await rawBatched(url!, settings, fixtures))),
      () =>
        onFreshDatabases(serverUrl, 1, async ([url]) => {
          const r = await concurrentAppends(url!, settings, fixtures);
          results.concurrent.push(r.opsPerSecond);
          results.concurrentBatch.push(r.meanBatch);
        }),
    ]);
    progress(
      `appends run ${run + 1}/${settings.runs}: raw ${formatInt(results.raw.at(-1)!)} tx/s, raw batched ${formatInt(results.rawBatched.at(-1)!)} rows/s, ` +
        `ours 1 caller ${formatInt(results.single.at(-1)!)}/s, ours ${settings.callers} callers ${formatInt(results.concurrent.at(-1)!)}/s ` +
        `(mean batch ${formatFixed(results.concurrentBatch.at(-1)!, 1)})`,
    );
  }
  return results;
}

/** One caller's appends, ours and raw in alternating timed blocks: stream after stream, each at its exact revision. */
async function singleCallerPaired(rawUrl: string, oursUrl: string, run: number, settings: PostgresAppendSettings, fixtures: Fixtures): Promise<{ raw: number; ours: number }> {
  const raw = await RawPostgresLog.open(rawUrl);
  const store = await PostgresEventStore.open({ connectionString: oursUrl });
  const rawRevisions = new Int32Array(settings.streams).fill(-1);
  const oursRevisions = new Array<bigint>(settings.streams).fill(-1n);
  const seconds = { raw: 0, ours: 0 };
  const rawBlock = async (from: number, to: number): Promise<void> => {
    for (let i = from; i < to; i++) {
      const s = i % settings.streams;
      const event = fixtures.events[s]!;
      await raw.append(fixtures.streamIds[s]!, ++rawRevisions[s]!, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
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
  const rows = await raw.count();
  await raw.close();
  const events = (await store.readAll()).length;
  await store.close();
  if (rows !== settings.appends) throw new Error(`raw: expected ${settings.appends} rows, found ${rows}`);
  if (events !== settings.appends) throw new Error(`ours (1 caller): expected ${settings.appends} events, found ${events}`);
  return { raw: settings.appends / seconds.raw, ours: settings.appends / seconds.ours };
}

/** Raw rows per second, `rawBatch` rows per INSERT and transaction. */
async function rawBatched(url: string, settings: PostgresAppendSettings, fixtures: Fixtures): Promise<number> {
  const raw = await RawPostgresLog.open(url);
  const revisions = new Int32Array(settings.streams).fill(-1);
  const seconds = await timeAsync(async () => {
    for (let from = 0; from < settings.appends; from += settings.rawBatch) {
      const rows = Array.from({ length: Math.min(settings.rawBatch, settings.appends - from) }, (_, k) => {
        const s = (from + k) % settings.streams;
        const event = fixtures.events[s]!;
        return [fixtures.streamIds[s]!, ++revisions[s]!, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)] as const;
      });
      await raw.appendBatch(rows);
    }
  });
  const rows = await raw.count();
  await raw.close();
  if (rows !== settings.appends) throw new Error(`raw batched: expected ${settings.appends} rows, found ${rows}`);
  return settings.appends / seconds;
}

async function concurrentAppends(url: string, settings: PostgresAppendSettings, fixtures: Fixtures): Promise<{ opsPerSecond: number; meanBatch: number }> {
  const { callers } = settings;
  const store = await PostgresEventStore.open({ connectionString: url });
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
      revisions[s] = (await store.append(fixtures.streamIds[s]!, [fixtures.events[s]!], { expectedRevision })).nextExpectedRevision;
    }
  };
  const seconds = await timeAsync(() => Promise.all(Array.from({ length: callers }, (_, c) => caller(c))).then(() => undefined));
  unsubscribe();
  const events = (await store.readAll()).length;
  await store.close();
  if (events !== settings.appends) throw new Error(`ours (${callers} callers): expected ${settings.appends} events, found ${events}`);
  return { opsPerSecond: settings.appends / seconds, meanBatch: settings.appends / Math.max(1, commits) };
}

/** Runs `work` on `count` databases created for it on the server, dropped afterwards. */
async function onFreshDatabases(serverUrl: string, count: number, work: (urls: string[]) => Promise<void>): Promise<void> {
  const names = Array.from({ length: count }, () => `ledger_bench_${process.pid}_${randomBytes(4).toString('hex')}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`CREATE DATABASE ${name}`);
    await work(
      names.map((name) => {
        const url = new URL(serverUrl);
        url.pathname = `/${name}`;
        return url.toString();
      }),
    );
  } finally {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

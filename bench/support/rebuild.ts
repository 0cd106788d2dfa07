/**
 * bench:read (a): `new ProjectionRunner(store, new ReadModelStore(freshDir)).runToHead()` over a
 * generated log, against a raw better-sqlite3 read of the same file (SELECT … ORDER BY position,
 * iterate, JSON.parse data and metadata). Each rebuild is checked: every event applied, every
 * agreement written, sample summaries equal to a fold of their stream.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { decodeAgreementEvent } from '../../src/core/agreement-contract.js';
import { helsinkiDate } from '../../src/core/helsinki-date.js';
import type { JsonObject } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../src/read-models/projection-runner.js';
import { ReadModelStore } from '../../src/read-models/read-model-store.js';
import { agreementSummary, projectAgreement } from '../../projections/index.js';
import { databaseBytes, rotate } from './bench-run.js';
import { formatProfileSummary, readCpuProfile, startProfiler, stopProfiler, summarizeCpuProfile } from './cpu-profile.js';
import { agreementIds, type LogShape } from './read-fixtures.js';
import { generateLog, type GeneratedLog } from './read-log.js';
import { secondsSince, timeAsync } from './stats.js';
import { formatFixed, formatInt } from './table.js';

export interface RebuildSettings {
  readonly runs: number;
  readonly shape: LogShape;
  readonly deciderSample: number;
  /** batchSize of the diagnostic rebuild beside the default one. */
  readonly diagnosticBatch: number;
  /** Also profile one more rebuild into this directory. */
  readonly profileDir?: string;
  /** Where a profile's file names are shown relative to. */
  readonly codeRoot: string;
}

/** Where a rebuild's time went, measured by wrapping the methods the runner calls. */
export interface Breakdown {
  /** store.readAll: SQLite paging plus JSON.parse and object building of each event. */
  readAllMs: number;
  /** readModels.commit: summary, JSON.stringify, upserts, party rows, checkpoint. */
  commitMs: number;
  commits: number;
  rowsWritten: number;
  /** States not in the runner's memory, folded back from their stream (store.readStream). */
  loadMs: number;
  loads: number;
}

export interface RebuildRun {
  readonly eventsPerSecond: number;
  readonly seconds: number;
  readonly breakdown: Breakdown;
  readonly readModelBytes: number;
}

export interface RebuildResults {
  readonly log: GeneratedLog;
  readonly ours: RebuildRun[];
  /** The same with batchSize `diagnosticBatch`. */
  readonly oursBigBatch: RebuildRun[];
  readonly raw: number[];
  readonly profile?: string;
}

export async function benchRebuild(settings: RebuildSettings, workDir: string, progress: (message: string) => void): Promise<RebuildResults> {
  const { shape, runs } = settings;
  progress(`(a) generating a log of ${formatInt(shape.events)} events over ${formatInt(shape.agreements)} agreements (${formatInt(shape.active)} in progress at once)`);
  const log = await generateLog(join(workDir, 'rebuild', 'ledger.sqlite'), shape, 'rebuild log', settings.deciderSample, progress);
  progress(`(a) generated in ${formatFixed(log.seconds, 1)} s, ${formatFixed(log.fileBytes / 2 ** 20, 0)} MiB`);
  const results: { ours: RebuildRun[]; oursBigBatch: RebuildRun[]; raw: number[]; profile?: string } = { ours: [], oursBigBatch: [], raw: [] };
  const describe = (r: RebuildRun): string =>
    `${formatInt(r.eventsPerSecond)} events/s (${formatFixed(r.seconds, 1)} s; readAll ${formatFixed(r.breakdown.readAllMs / 1000, 1)} s, ` +
    `state reads ${formatFixed(r.breakdown.loadMs / 1000, 1)} s × ${formatInt(r.breakdown.loads)}, commit ${formatFixed(r.breakdown.commitMs / 1000, 1)} s, ` +
    `${formatInt(r.breakdown.rowsWritten)} rows in ${r.breakdown.commits} commits)`;
  for (let run = 0; run < runs; run++) {
    await rotate(run, [
      async () => {
        results.ours.push(await oursRebuild(log, join(workDir, `read-models-${run}`)));
        progress(`(a) run ${run + 1}/${runs} ours: ${describe(results.ours.at(-1)!)}`);
      },
      async () => {
        results.oursBigBatch.push(await oursRebuild(log, join(workDir, `read-models-big-${run}`), { batchSize: settings.diagnosticBatch }));
        progress(`(a) run ${run + 1}/${runs} ours, batchSize ${formatInt(settings.diagnosticBatch)}: ${describe(results.oursBigBatch.at(-1)!)}`);
      },
      () => {
        results.raw.push(rawRead(log));
        progress(`(a) run ${run + 1}/${runs} raw: ${formatInt(results.raw.at(-1)!)} events/s`);
      },
    ]);
  }
  if (settings.profileDir) {
    mkdirSync(settings.profileDir, { recursive: true });
    const file = join(settings.profileDir, 'rebuild.cpuprofile');
    progress(`(a) profiling one more rebuild (not counted) into ${file}`);
    await oursRebuild(log, join(workDir, 'read-models-profile'), undefined, file);
    results.profile = formatProfileSummary('rebuild (runToHead) profile', summarizeCpuProfile(readCpuProfile(file), settings.codeRoot, 25));
    progress(results.profile);
  }
  rmSync(dirname(log.file), { recursive: true, force: true });
  return { log, ...results };
}

async function oursRebuild(log: GeneratedLog, dir: string, options?: ProjectionRunnerOptions, profileFile?: string): Promise<RebuildRun> {
  const store = new SqliteEventStore({ file: log.file });
  const readModels = new ReadModelStore(dir);
  const breakdown = instrument(store, readModels);
  // Exactly as the brief times it: the runner's defaults, unless a diagnostic asks otherwise.
  const runner = options ? new ProjectionRunner(store, readModels, options) : new ProjectionRunner(store, readModels);
  let count = 0;
  const session = profileFile ? await startProfiler() : undefined;
  const seconds = await timeAsync(async () => {
    count = await runner.runToHead();
  });
  if (session) await stopProfiler(session, profileFile!);
  const measured: Breakdown = { ...breakdown }; // before the checks below read streams themselves
  try {
    await verifyRebuild(store, readModels, log, count);
  } finally {
    readModels.close();
    await store.close();
  }
  const readModelBytes = databaseBytes(join(dir, 'read-models.sqlite'));
  rmSync(dir, { recursive: true, force: true });
  return { eventsPerSecond: count / seconds, seconds, breakdown: measured, readModelBytes };
}

/** Wraps the store's and read models' methods the runner calls, to time its phases (adds < 0.1 µs/event). */
function instrument(store: SqliteEventStore, readModels: ReadModelStore): Breakdown {
  const b: Breakdown = { readAllMs: 0, commitMs: 0, commits: 0, rowsWritten: 0, loadMs: 0, loads: 0 };
  const readAll = store.readAll.bind(store);
  store.readAll = (options) => {
    const start = process.hrtime.bigint();
    const page = readAll(options); // synchronous work; the promise is already settled
    b.readAllMs += Number(process.hrtime.bigint() - start) / 1e6;
    return page;
  };
  const readStream = store.readStream.bind(store);
  store.readStream = (...args) => {
    const start = process.hrtime.bigint();
    const events = readStream(...args);
    b.loadMs += Number(process.hrtime.bigint() - start) / 1e6;
    b.loads++;
    return events;
  };
  const commit = readModels.commit.bind(readModels);
  readModels.commit = (changed, position, today) => {
    const rows = [...changed];
    const start = process.hrtime.bigint();
    try {
      commit(rows, position, today);
    } finally {
      b.commitMs += Number(process.hrtime.bigint() - start) / 1e6;
      b.commits++;
      b.rowsWritten += rows.length;
    }
  };
  return b;
}

/** Every event applied, every agreement written, and sample summaries equal to a fold of their stream. */
async function verifyRebuild(store: SqliteEventStore, readModels: ReadModelStore, log: GeneratedLog, count: number): Promise<void> {
  const { events, agreements } = log.shape;
  if (count !== events) throw new Error(`rebuild applied ${count} events, the log holds ${events}`);
  if (readModels.checkpoint() !== String(events)) throw new Error(`rebuild checkpoint ${readModels.checkpoint()}, expected ${events}`);
  const rows = readModels.dump().agreements as Array<{ agreement_id: string; summary: string }>;
  if (rows.length !== agreements) throw new Error(`rebuild wrote ${rows.length} agreements, the log holds ${agreements}`);
  const byId = new Map(rows.map((row) => [row.agreement_id, row]));
  const ids = agreementIds(agreements);
  const today = helsinkiDate(new Date());
  for (let i = 0; i < 20; i++) {
    const id = ids[Math.floor((i * agreements) / 20)]!;
    const folded = projectAgreement((await store.readStream(`agreement-${id}`)).map(decodeAgreementEvent));
    const row = byId.get(id);
    if (!row || !isDeepStrictEqual(JSON.parse(row.summary), JSON.parse(JSON.stringify(agreementSummary(folded, { asOf: today }))))) {
      throw new Error(`the rebuilt summary of ${id} differs from a fold of its stream`);
    }
  }
}

/** The columns the store's readAll selects (recorded_at only where the schema has it). */
const STORE_COLUMNS = ['position', 'event_id', 'stream_id', 'revision', 'type', 'data', 'metadata', 'recorded_at'] as const;

/** The baseline: every row of the store's table, in log order, the store's columns read, data and metadata parsed. */
function rawRead(log: GeneratedLog): number {
  const db = new Database(log.file, { readonly: true });
  try {
    const present = new Set((db.prepare(`SELECT name FROM pragma_table_info('events')`).all() as Array<{ name: string }>).map((c) => c.name));
    const columns = STORE_COLUMNS.filter((c) => present.has(c));
    const dataAt = columns.indexOf('data');
    const metadataAt = columns.indexOf('metadata');
    const select = db.prepare(`SELECT ${columns.join(', ')} FROM events ORDER BY position`).raw();
    let events = 0;
    let sealed = 0;
    let versions = 0;
    const start = process.hrtime.bigint();
    for (const row of select.iterate() as IterableIterator<unknown[]>) {
      const data = JSON.parse(row[dataAt] as string) as JsonObject;
      const metadata = JSON.parse(row[metadataAt] as string) as JsonObject;
      if (typeof data.version === 'number') versions++;
      if (typeof metadata.hash === 'string') sealed++;
      events++;
    }
    const seconds = secondsSince(start);
    if (events !== log.shape.events || sealed !== events || versions === 0) throw new Error(`raw read: ${events} events, ${sealed} sealed`);
    return events / seconds;
  } finally {
    db.close();
  }
}

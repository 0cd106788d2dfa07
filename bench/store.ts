/**
 * Event store benchmark: the SQLite event store against raw better-sqlite3 on the same machine,
 * in the same invocation. Every figure is the median of BENCH_RUNS runs; ours and the baseline
 * take turns going first from run to run so neither always gets the warmer cache.
 *
 *   npm run bench:store
 *   BENCH_RUNS=2 BENCH_APPENDS=2000 BENCH_READ_EVENTS=100000 npm run bench:store
 *
 * Settings (environment): BENCH_RUNS (5), BENCH_APPENDS (20000), BENCH_STREAMS (10000),
 * BENCH_CALLERS (32), BENCH_READ_EVENTS (1000000), BENCH_READ_PAGE (10000),
 * BENCH_READ_PAGE_SMALL (1000, a diagnostic row), BENCH_SEALS (20000).
 *
 * The table goes to stdout, progress to stderr. It reports; it does not assert: the exit code is 0
 * whether or not the targets are met (and 1 only if the benchmark itself fails).
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import type { EventToAppend, ExpectedRevision, JsonObject } from '../src/event-store/event-store.port.js';
import { GENESIS_HASH, sealEvent } from '../src/core/hash-chain.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { positiveIntFromEnv, runBench, sqliteVersion } from './support/env.js';
import { agreementAmended, streamName } from './support/fixtures.js';
import { RawSqliteLog } from './support/raw-sqlite.js';
import { median, relativeSpread, secondsSince, timeAsync } from './support/stats.js';
import { formatFixed, formatInt, formatPercent, renderTable } from './support/table.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 5);
const APPENDS = positiveIntFromEnv('BENCH_APPENDS', 20_000);
const STREAMS = positiveIntFromEnv('BENCH_STREAMS', 10_000);
const CALLERS = positiveIntFromEnv('BENCH_CALLERS', 32);
const READ_EVENTS = positiveIntFromEnv('BENCH_READ_EVENTS', 1_000_000);
const READ_PAGE = positiveIntFromEnv('BENCH_READ_PAGE', 10_000);
/** Diagnostic second page size for readAll: the store's own catch-up page (1,000). */
const READ_PAGE_SMALL = positiveIntFromEnv('BENCH_READ_PAGE_SMALL', 1_000);
const SEALS = positiveIntFromEnv('BENCH_SEALS', 20_000);

/** Generation of the read log: events per append, and appends queued together (one group commit). */
const GEN_EVENTS_PER_APPEND = 100;
const GEN_APPENDS_PER_COMMIT = 100;

const TARGET_SINGLE = 0.8;
const TARGET_CONCURRENT = 2;
const TARGET_READ = 0.8;

if (CALLERS > STREAMS) throw new RangeError('BENCH_CALLERS must not exceed BENCH_STREAMS: each caller needs its own streams');

const workDir = mkdtempSync(join(tmpdir(), 'agreement-ledger-bench-'));
let cleanedUp = false;
function cleanUp(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  rmSync(workDir, { recursive: true, force: true });
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

function progress(message: string): void {
  process.stderr.write(`[bench:store] ${message}\n`);
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** Runs the steps of one round, starting at a different one each round so none always goes first. */
async function rotate(run: number, steps: ReadonlyArray<() => Promise<void>>): Promise<void> {
  for (let i = 0; i < steps.length; i++) await steps[(i + run) % steps.length]!();
}

// ---------------------------------------------------------------------------------------------
// Fixtures shared by the append scenarios: one ~1 KB event per stream, reused for each append to it.

const streamIds = Array.from({ length: STREAMS }, (_, n) => streamName(n));
const eventsByStream = Array.from({ length: STREAMS }, (_, n) => agreementAmended(n));
const sample = eventsByStream[0]!;
const dataBytes = Buffer.byteLength(JSON.stringify(sample.data), 'utf8');

/** The k-th append of caller c (of `callers`) goes to this stream; callers never share a stream. */
function streamOf(caller: number, callers: number, k: number): number {
  const owned = Math.floor((STREAMS - 1 - caller) / callers) + 1;
  return caller + callers * (k % owned);
}

function appendsOf(caller: number, callers: number): number {
  return Math.floor(APPENDS / callers) + (caller < APPENDS % callers ? 1 : 0);
}

function expectedFor(revision: bigint): ExpectedRevision {
  return revision < 0n ? 'no-stream' : revision;
}

/**
 * Counts the store's group commits without changing src: the store emits 'append' on a private
 * EventEmitter once per committed batch. Undefined when that internal is not there (any more).
 */
function observeCommits(store: SqliteEventStore): { count: number } | undefined {
  const emitter = (store as unknown as { appended?: unknown }).appended;
  if (!(emitter instanceof EventEmitter)) return undefined;
  const counter = { count: 0 };
  emitter.on('append', () => {
    counter.count++;
  });
  return counter;
}

interface AppendRun {
  readonly opsPerSecond: number;
  /** Mean appends per group commit, when observable. */
  readonly meanBatch: number | undefined;
}

async function oursAppends(file: string, callers: number): Promise<AppendRun> {
  const store = new SqliteEventStore({ file });
  const commits = observeCommits(store);
  const revisions = new Array<bigint>(STREAMS).fill(-1n);
  const caller = async (c: number): Promise<void> => {
    const n = appendsOf(c, callers);
    for (let k = 0; k < n; k++) {
      const s = callers === 1 ? k % STREAMS : streamOf(c, callers, k);
      const result = await store.append(streamIds[s]!, [eventsByStream[s]!], { expectedRevision: expectedFor(revisions[s]!) });
      revisions[s] = result.nextExpectedRevision;
    }
  };
  const seconds = await timeAsync(async () => {
    await Promise.all(Array.from({ length: callers }, (_, c) => caller(c)));
  });
  const head = await store.headPosition();
  await store.close();
  if (head !== String(APPENDS)) throw new Error(`ours (${callers} callers): expected ${APPENDS} events, head is ${head}`);
  return { opsPerSecond: APPENDS / seconds, meanBatch: commits && commits.count > 0 ? APPENDS / commits.count : undefined };
}

async function rawAppends(file: string): Promise<AppendRun> {
  const raw = new RawSqliteLog(file);
  const revisions = new Int32Array(STREAMS).fill(-1);
  const seconds = await timeAsync(() => {
    for (let i = 0; i < APPENDS; i++) {
      const s = i % STREAMS;
      const event = eventsByStream[s]!;
      const revision = ++revisions[s]!;
      raw.append(streamIds[s]!, revision, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata ?? {}));
    }
  });
  const count = raw.count();
  raw.close();
  if (count !== APPENDS) throw new Error(`raw: expected ${APPENDS} rows, found ${count}`);
  return { opsPerSecond: APPENDS / seconds, meanBatch: 1 };
}

interface AppendResults {
  readonly raw: number[];
  readonly single: number[];
  readonly concurrent: number[];
  readonly singleBatch: number[];
  readonly concurrentBatch: number[];
}

async function benchAppends(): Promise<AppendResults> {
  const results: AppendResults = { raw: [], single: [], concurrent: [], singleBatch: [], concurrentBatch: [] };
  for (let run = 0; run < RUNS; run++) {
    const files = {
      raw: join(workDir, `append-raw-${run}.sqlite`),
      single: join(workDir, `append-ours-1-${run}.sqlite`),
      concurrent: join(workDir, `append-ours-${CALLERS}-${run}.sqlite`),
    };
    await rotate(run, [
      async () => {
        const r = await rawAppends(files.raw);
        results.raw.push(r.opsPerSecond);
        removeDatabase(files.raw);
      },
      async () => {
        const r = await oursAppends(files.single, 1);
        results.single.push(r.opsPerSecond);
        if (r.meanBatch !== undefined) results.singleBatch.push(r.meanBatch);
        removeDatabase(files.single);
      },
      async () => {
        const r = await oursAppends(files.concurrent, CALLERS);
        results.concurrent.push(r.opsPerSecond);
        if (r.meanBatch !== undefined) results.concurrentBatch.push(r.meanBatch);
        removeDatabase(files.concurrent);
      },
    ]);
    progress(
      `appends run ${run + 1}/${RUNS}: raw ${formatInt(results.raw.at(-1)!)}/s, ours 1 caller ${formatInt(results.single.at(-1)!)}/s, ` +
        `ours ${CALLERS} callers ${formatInt(results.concurrent.at(-1)!)}/s` +
        (results.concurrentBatch.length > run ? ` (mean batch ${formatFixed(results.concurrentBatch.at(-1)!, 1)})` : ''),
    );
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Hash chain: sealEvent on the ~1 KB event, as the store calls it for each appended event.

interface SealResults {
  readonly sealMicros: number[];
  readonly canonicalizeMicros: number[];
  readonly sha256Micros: number[];
  readonly stringifyMicros: number[];
}

function benchSeal(): SealResults {
  const recordedAt = new Date().toISOString();
  const sealLoop = (n: number): number => {
    let prevHash = GENESIS_HASH;
    const start = process.hrtime.bigint();
    for (let revision = 0; revision < n; revision++) {
      const metadata = sealEvent(prevHash, {
        eventId: sample.eventId ?? '0190d6a2-0000-7000-8000-000000000000',
        streamId: streamIds[0]!,
        revision,
        type: sample.type,
        data: sample.data,
        metadata: { ...sample.metadata, recordedAt },
      });
      prevHash = metadata.hash as string;
    }
    const seconds = secondsSince(start);
    if (prevHash.length !== 64) throw new Error('sealEvent returned no hash');
    return (seconds * 1e6) / n;
  };
  // The parts, for the analysis: canonical JSON, SHA-256 of it, and plain JSON.stringify for scale.
  const hashed: JsonObject = {
    prevHash: GENESIS_HASH,
    streamId: streamIds[0]!,
    revision: 1,
    type: sample.type,
    data: sample.data,
    metadata: { ...sample.metadata, recordedAt, prevHash: GENESIS_HASH },
  };
  const canonical = canonicalize(hashed)!;
  const partLoop = (n: number, fn: () => number): number => {
    let sink = 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += fn();
    const seconds = secondsSince(start);
    if (sink < 0) throw new Error('unreachable');
    return (seconds * 1e6) / n;
  };
  const canonicalizeOnce = (): number => canonicalize(hashed)!.length;
  const sha256Once = (): number => createHash('sha256').update(canonical, 'utf8').digest('hex').length;
  const stringifyOnce = (): number => JSON.stringify(hashed).length;

  const warmUp = Math.min(SEALS, 2000);
  sealLoop(warmUp);
  partLoop(warmUp, canonicalizeOnce);
  partLoop(warmUp, sha256Once);
  partLoop(warmUp, stringifyOnce);
  const results: SealResults = { sealMicros: [], canonicalizeMicros: [], sha256Micros: [], stringifyMicros: [] };
  for (let run = 0; run < RUNS; run++) {
    results.sealMicros.push(sealLoop(SEALS));
    results.canonicalizeMicros.push(partLoop(SEALS, canonicalizeOnce));
    results.sha256Micros.push(partLoop(SEALS, sha256Once));
    results.stringifyMicros.push(partLoop(SEALS, stringifyOnce));
    progress(`sealEvent run ${run + 1}/${RUNS}: ${formatFixed(results.sealMicros.at(-1)!, 2)} µs per event`);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Full readAll with JSON parsing, against raw iteration of the same table of the same file.

interface ReadResults {
  readonly ours: number[];
  readonly oursSmallPages: number[];
  readonly raw: number[];
  readonly generationSeconds: number;
  readonly fileBytes: number;
}

async function generateLog(file: string): Promise<number> {
  const store = new SqliteEventStore({ file });
  const start = process.hrtime.bigint();
  const appends = Math.ceil(READ_EVENTS / GEN_EVENTS_PER_APPEND);
  let written = 0;
  let nextReport = READ_EVENTS / 10;
  for (let first = 0; first < appends; first += GEN_APPENDS_PER_COMMIT) {
    const round: Array<Promise<unknown>> = [];
    for (let a = first; a < Math.min(appends, first + GEN_APPENDS_PER_COMMIT); a++) {
      const count = Math.min(GEN_EVENTS_PER_APPEND, READ_EVENTS - a * GEN_EVENTS_PER_APPEND);
      const event: EventToAppend = agreementAmended(a);
      round.push(store.append(streamName(a), new Array<EventToAppend>(count).fill(event), { expectedRevision: 'no-stream' }));
      written += count;
    }
    await Promise.all(round);
    if (written >= nextReport) {
      progress(`generating read log: ${formatInt(written)}/${formatInt(READ_EVENTS)} events`);
      nextReport += READ_EVENTS / 10;
    }
  }
  const head = await store.headPosition();
  await store.close();
  if (head !== String(READ_EVENTS)) throw new Error(`generation: expected ${READ_EVENTS} events, head is ${head}`);
  return secondsSince(start);
}

async function oursReadAll(store: SqliteEventStore, pageSize: number): Promise<number> {
  let events = 0;
  let approved = 0;
  let sealed = 0;
  const seconds = await timeAsync(async () => {
    let fromPosition: string | undefined;
    for (;;) {
      const page = await store.readAll({ fromPosition, maxCount: pageSize });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.data.version === 3) approved++;
        if (typeof event.metadata.hash === 'string') sealed++;
      }
      events += page.length;
      fromPosition = page[page.length - 1]!.position;
    }
  });
  if (events !== READ_EVENTS || sealed !== READ_EVENTS || approved === 0) throw new Error(`ours readAll: read ${events} events`);
  return events / seconds;
}

type RawRow = [number, string, string, number, string, string, string, string];

function rawReadAll(db: Database.Database): number {
  const select = db
    .prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position')
    .raw();
  let events = 0;
  let approved = 0;
  let sealed = 0;
  const start = process.hrtime.bigint();
  for (const row of select.iterate() as IterableIterator<RawRow>) {
    const data = JSON.parse(row[5]) as JsonObject;
    const metadata = JSON.parse(row[6]) as JsonObject;
    if (data.version === 3) approved++;
    if (typeof metadata.hash === 'string') sealed++;
    events++;
  }
  const seconds = secondsSince(start);
  if (events !== READ_EVENTS || sealed !== READ_EVENTS || approved === 0) throw new Error(`raw readAll: read ${events} events`);
  return events / seconds;
}

async function benchReadAll(): Promise<ReadResults> {
  const file = join(workDir, 'read.sqlite');
  progress(`generating read log of ${formatInt(READ_EVENTS)} events through the store's API`);
  const generationSeconds = await generateLog(file);
  progress(`generated in ${formatFixed(generationSeconds, 1)} s`);

  const store = new SqliteEventStore({ file });
  const raw = new Database(file, { readonly: true });
  const pageCount = raw.pragma('page_count', { simple: true }) as number;
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const results: ReadResults = { ours: [], oursSmallPages: [], raw: [], generationSeconds, fileBytes: pageCount * pageSize };
  try {
    const steps: Array<() => Promise<void>> = [
      async () => {
        results.ours.push(await oursReadAll(store, READ_PAGE));
      },
      async () => {
        results.raw.push(rawReadAll(raw));
      },
      async () => {
        results.oursSmallPages.push(await oursReadAll(store, READ_PAGE_SMALL));
      },
    ];
    for (let run = 0; run < RUNS; run++) {
      await rotate(run, steps);
      progress(
        `readAll run ${run + 1}/${RUNS}: ours ${formatInt(results.ours.at(-1)!)}/s (pages of ${formatInt(READ_PAGE)}), ` +
          `${formatInt(results.oursSmallPages.at(-1)!)}/s (pages of ${formatInt(READ_PAGE_SMALL)}), raw ${formatInt(results.raw.at(-1)!)}/s`,
      );
    }
  } finally {
    raw.close();
    await store.close();
    removeDatabase(file);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

function spread(values: readonly number[]): string {
  return `±${formatPercent(relativeSpread(values) / 2)}`;
}

function ratioCell(ratio: number): string {
  return `${formatFixed(ratio, 2)}× (${formatPercent(ratio)})`;
}

function runs(values: readonly number[], digits = 0): string {
  return values.map((v) => (digits === 0 ? formatInt(v) : formatFixed(v, digits))).join(', ');
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const loadAtStart = loadavg()[0]!;
  progress(`temp dir ${workDir}`);
  progress(`scenarios 1+2: ${RUNS} runs × ${formatInt(APPENDS)} appends (raw, ours 1 caller, ours ${CALLERS} callers)`);
  const appends = await benchAppends();
  progress('scenario 4: sealEvent');
  const seal = benchSeal();
  progress(`scenario 3: readAll of ${formatInt(READ_EVENTS)} events`);
  const read = await benchReadAll();

  const rawAppend = median(appends.raw);
  const single = median(appends.single);
  const concurrent = median(appends.concurrent);
  const oursRead = median(read.ours);
  const oursReadSmall = median(read.oursSmallPages);
  const rawRead = median(read.raw);
  const sealMicros = median(seal.sealMicros);
  const singleLatencyMicros = 1e6 / single;
  const rawLatencyMicros = 1e6 / rawAppend;
  const meanBatch = appends.concurrentBatch.length > 0 ? median(appends.concurrentBatch) : undefined;
  const met = (ok: boolean): string => (ok ? 'yes' : 'NO');

  const rows: string[][] = [
    [
      `1. 1 caller, 1 event/append, exact revision (${formatInt(APPENDS)} appends, ${formatInt(STREAMS)} streams)`,
      `${formatInt(single)} appends/s`,
      `${formatInt(rawAppend)} tx/s (raw, 1 row/tx)`,
      ratioCell(single / rawAppend),
      `≥ 0.80× (80 %)`,
      met(single / rawAppend >= TARGET_SINGLE),
      `${spread(appends.single)} / ${spread(appends.raw)}`,
    ],
    [
      `2. ${CALLERS} concurrent callers, own streams (group commit${meanBatch === undefined ? '' : `, mean batch ${formatFixed(meanBatch, 1)}`})`,
      `${formatInt(concurrent)} appends/s`,
      `${formatInt(rawAppend)} tx/s (raw, 1 row/tx)`,
      ratioCell(concurrent / rawAppend),
      `≥ 2.00× (200 %)`,
      met(concurrent / rawAppend >= TARGET_CONCURRENT),
      `${spread(appends.concurrent)} / ${spread(appends.raw)}`,
    ],
    [
      `3. readAll ${formatInt(READ_EVENTS)} events, pages of ${formatInt(READ_PAGE)}, JSON.parse data+metadata`,
      `${formatInt(oursRead)} events/s`,
      `${formatInt(rawRead)} events/s (raw iterate)`,
      ratioCell(oursRead / rawRead),
      `≥ 0.80× (80 %)`,
      met(oursRead / rawRead >= TARGET_READ),
      `${spread(read.ours)} / ${spread(read.raw)}`,
    ],
    [
      `3b. (diagnostic) the same with pages of ${formatInt(READ_PAGE_SMALL)}`,
      `${formatInt(oursReadSmall)} events/s`,
      `${formatInt(rawRead)} events/s (raw iterate)`,
      ratioCell(oursReadSmall / rawRead),
      `(≥ 0.80× (80 %))`,
      met(oursReadSmall / rawRead >= TARGET_READ),
      `${spread(read.oursSmallPages)} / ${spread(read.raw)}`,
    ],
    [
      '4. hash chain: sealEvent per appended event',
      `${formatFixed(sealMicros, 2)} µs/event`,
      `${formatFixed(singleLatencyMicros, 1)} µs (scenario 1 append latency)`,
      `${formatPercent(sealMicros / singleLatencyMicros, 1)} of latency`,
      '—',
      '—',
      `${spread(seal.sealMicros)}`,
    ],
  ];

  const cpuList = cpus();
  const lines = [
    '# Event store benchmark (SQLite store vs raw better-sqlite3)',
    '',
    `machine: ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${formatFixed(totalmem() / 2 ** 30, 1)} GiB RAM, ` +
      `${process.platform}/${process.arch}, node ${process.version}, better-sqlite3 SQLite ${sqliteVersion()}`,
    `runs: ${RUNS} per figure (median shown; ours and baseline take turns going first), temp dir under ${tmpdir()}`,
    `event: AgreementAmended, data ${formatInt(dataBytes)} B JSON; both sides WAL + synchronous=FULL`,
    `load average (1 min): ${formatFixed(loadAtStart, 2)} at start, ${formatFixed(loadavg()[0]!, 2)} at end` +
      (Math.max(loadAtStart, loadavg()[0]!) > cpuList.length * 0.75 ? ' — the machine was busy: treat the figures with caution' : ''),
    '',
    renderTable(
      [
        { header: 'scenario' },
        { header: 'ours (median)', align: 'right' },
        { header: 'baseline (median)', align: 'right' },
        { header: 'ratio', align: 'right' },
        { header: 'target' },
        { header: 'met?' },
        { header: 'spread ours / base' },
      ],
      rows,
    ),
    '',
    'notes:',
    `- per-append latency, 1 caller: ours ${formatFixed(singleLatencyMicros, 1)} µs vs raw ${formatFixed(rawLatencyMicros, 1)} µs ` +
      `(+${formatFixed(singleLatencyMicros - rawLatencyMicros, 1)} µs; sealEvent accounts for ${formatFixed(sealMicros, 1)} µs of it)`,
    `- sealEvent parts: canonicalize ${formatFixed(median(seal.canonicalizeMicros), 2)} µs, sha256 hex ${formatFixed(median(seal.sha256Micros), 2)} µs ` +
      `(plain JSON.stringify of the same object ${formatFixed(median(seal.stringifyMicros), 2)} µs)`,
    `- mean group-commit batch: 1 caller ${appends.singleBatch.length > 0 ? formatFixed(median(appends.singleBatch), 2) : 'n/a'}, ` +
      `${CALLERS} callers ${meanBatch === undefined ? 'n/a (store internals not observable)' : formatFixed(meanBatch, 2)} appends per commit`,
    `- read log: ${formatInt(READ_EVENTS)} events, ${formatFixed(read.fileBytes / 2 ** 20, 0)} MiB file, generated through the store's API ` +
      `(${GEN_EVENTS_PER_APPEND} events/append, ${GEN_APPENDS_PER_COMMIT} appends/commit) in ${formatFixed(read.generationSeconds, 1)} s ` +
      `(${formatInt(READ_EVENTS / read.generationSeconds)} events/s)`,
    `- runs, raw appends/s: ${runs(appends.raw)}`,
    `- runs, ours 1 caller appends/s: ${runs(appends.single)}`,
    `- runs, ours ${CALLERS} callers appends/s: ${runs(appends.concurrent)}`,
    `- runs, ours readAll events/s: ${runs(read.ours)}`,
    `- runs, ours readAll (pages of ${formatInt(READ_PAGE_SMALL)}) events/s: ${runs(read.oursSmallPages)}`,
    `- runs, raw readAll events/s: ${runs(read.raw)}`,
    `- runs, sealEvent µs: ${runs(seal.sealMicros, 2)}`,
    `- total time ${formatFixed(secondsSince(started), 0)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}


await runBench('bench:store', main, cleanUp);

/**
 * Read-side benchmark, against baselines measured in the same invocation:
 *
 *   (a) rebuild: `new ProjectionRunner(store, new ReadModelStore(freshDir)).runToHead()` over a
 *       generated log of realistic agreement histories, against a raw better-sqlite3 read of the
 *       same file (SELECT … ORDER BY position, iterate, JSON.parse data and metadata).
 *   (b) GET /api/agreements/:id/status under load (autocannon, 50 connections) on the real server
 *       in a child process, against GET /api/me of the same server (authenticated, trivial).
 *
 *   npm run bench:read
 *   BENCH_READ_EVENTS=100000 BENCH_AGREEMENTS=2000 BENCH_RUNS=1 BENCH_SECONDS=3 npm run bench:read
 *
 * Settings (environment): BENCH_RUNS (3), BENCH_READ_EVENTS (1000000), BENCH_AGREEMENTS (20000),
 * BENCH_ACTIVE (agreements in progress at once while the log is written; BENCH_AGREEMENTS / 5),
 * BENCH_SERVER_AGREEMENTS (10000), BENCH_SERVER_EVENTS (50 per agreement), BENCH_SECONDS (10),
 * BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (3), BENCH_DECIDER_SAMPLE (500 agreements re-decided
 * to prove the generated histories valid), BENCH_REBUILD_DIAG_BATCH (a diagnostic rebuild with this
 * batchSize beside the default one; BENCH_READ_EVENTS, i.e. one commit at the head: the floor of
 * what committing costs), BENCH_ONLY (rebuild | status), BENCH_PROFILE_DIR
 * (also write .cpuprofile files of one extra rebuild and of the server under load, and summarise them).
 *
 * The table goes to stdout, progress to stderr. It reports; it does not assert: the exit code is 0
 * whether or not the targets are met (and 1 only if the benchmark itself fails).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import type { AgreementEvent } from '../src/core/agreement-events.js';
import { helsinkiDate } from '../src/core/helsinki-date.js';
import type { JsonObject } from '../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../src/read-models/projection-runner.js';
import { ReadModelStore } from '../src/read-models/read-model-store.js';
import { agreementSummary, projectAgreement } from '../projections/index.js';
import { formatProfileSummary, readCpuProfile, summarizeCpuProfile } from './support/cpu-profile.js';
import { positiveIntFromEnv, runBench, sqliteVersion } from './support/env.js';
import { agreementIds, checkAgainstDecider, mulberry32, planLog, type LogShape } from './support/read-fixtures.js';
import type { ServerCommand, ServerMessage } from './support/read-server.js';
import { median, relativeSpread, secondsSince, timeAsync } from './support/stats.js';
import { formatFixed, formatInt, formatPercent, renderTable } from './support/table.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 3);
const READ_EVENTS = positiveIntFromEnv('BENCH_READ_EVENTS', 1_000_000);
const AGREEMENTS = positiveIntFromEnv('BENCH_AGREEMENTS', 20_000);
const ACTIVE = positiveIntFromEnv('BENCH_ACTIVE', Math.max(1, Math.round(AGREEMENTS / 5)));
const SERVER_AGREEMENTS = positiveIntFromEnv('BENCH_SERVER_AGREEMENTS', 10_000);
const SERVER_EVENTS = positiveIntFromEnv('BENCH_SERVER_EVENTS', SERVER_AGREEMENTS * 50);
const SERVER_ACTIVE = Math.max(1, Math.round(SERVER_AGREEMENTS / 5));
const SECONDS = positiveIntFromEnv('BENCH_SECONDS', 10);
const CONNECTIONS = positiveIntFromEnv('BENCH_CONNECTIONS', 50);
const WARMUP_SECONDS = positiveIntFromEnv('BENCH_WARMUP_SECONDS', 3);
const DECIDER_SAMPLE = positiveIntFromEnv('BENCH_DECIDER_SAMPLE', 500);
const CATCH_UP_TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_CATCH_UP_TIMEOUT', 3600);
/** Diagnostic rebuild with another commit batch; by default the whole log, one commit at the head. */
const DIAG_BATCH = positiveIntFromEnv('BENCH_REBUILD_DIAG_BATCH', READ_EVENTS);
const ONLY = process.env.BENCH_ONLY?.trim() || undefined;
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR?.trim() ? resolve(process.env.BENCH_PROFILE_DIR.trim()) : undefined;
if (ONLY !== undefined && ONLY !== 'rebuild' && ONLY !== 'status') throw new RangeError(`BENCH_ONLY must be rebuild or status, got ${JSON.stringify(ONLY)}`);

/** Generation: appends queued together share one group commit. */
const GEN_APPENDS_PER_COMMIT = 250;

const TARGET_REBUILD = 0.6;
const TARGET_STATUS_P99_MS = 10;
const TARGET_STATUS_THROUGHPUT = 0.5;

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

const workDir = mkdtempSync(join(tmpdir(), 'agreement-ledger-bench-read-'));
let cleanedUp = false;
let serverChild: ChildProcess | undefined;
function cleanUp(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  if (serverChild && serverChild.exitCode === null && serverChild.signalCode === null) serverChild.kill('SIGKILL');
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
  process.stderr.write(`[bench:read] ${message}\n`);
}

/** Runs the steps of one round, starting at a different one each round so none always goes first. */
async function rotate(run: number, steps: ReadonlyArray<() => Promise<void>>): Promise<void> {
  for (let i = 0; i < steps.length; i++) await steps[(i + run) % steps.length]!();
}

function fileBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // absent
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// The log, written through the store's own append, many events per append, many appends per commit.

interface GeneratedLog {
  readonly file: string;
  readonly shape: LogShape;
  readonly appends: number;
  readonly byType: Record<string, number>;
  readonly meanDataBytes: number;
  readonly seconds: number;
  readonly fileBytes: number;
  readonly deciderChecked: number;
}

async function generateLog(file: string, shape: LogShape, label: string): Promise<GeneratedLog> {
  // Proof the histories are ones the decider writes: a sample is regenerated and re-decided.
  const sample = Math.min(DECIDER_SAMPLE, shape.agreements);
  const indices = Array.from({ length: sample }, (_, i) => Math.floor((i * shape.agreements) / sample));
  const deciderChecked = checkAgainstDecider(shape, indices);
  progress(`${label}: ${formatInt(sample)} sample agreements re-decided by decide(): identical events (${deciderChecked} streams)`);

  mkdirSync(dirname(file), { recursive: true });
  const store = new SqliteEventStore({ file });
  const stats = { byType: {} as Record<string, number>, dataBytes: 0, appends: 0 };
  const start = process.hrtime.bigint();
  let written = 0;
  let nextReport = shape.events / 10;
  let round: Array<Promise<unknown>> = [];
  for (const append of planLog(shape, stats)) {
    round.push(store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision }));
    written += append.events.length;
    if (round.length >= GEN_APPENDS_PER_COMMIT) {
      await Promise.all(round);
      round = [];
    }
    if (written >= nextReport) {
      progress(`${label}: ${formatInt(written)}/${formatInt(shape.events)} events`);
      nextReport += shape.events / 10;
    }
  }
  await Promise.all(round);
  const seconds = secondsSince(start);
  const head = await store.headPosition();
  await store.close();
  if (head !== String(shape.events)) throw new Error(`${label}: expected ${shape.events} events, head is ${head}`);
  return {
    file,
    shape,
    appends: stats.appends,
    byType: stats.byType,
    meanDataBytes: stats.dataBytes / shape.events,
    seconds,
    fileBytes: fileBytes(file),
    deciderChecked,
  };
}

function describeMix(byType: Record<string, number>, events: number): string {
  return Object.entries(byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${formatPercent(n / events, 1)}`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// (a) Rebuild all read models from the log.

interface Breakdown {
  /** store.readAll: SQLite paging plus JSON.parse and object building of each event. */
  readAllMs: number;
  /** readModels.commit: summary, JSON.stringify, upserts, party rows, checkpoint. */
  commitMs: number;
  commits: number;
  rowsWritten: number;
  /** States not in the runner's memory, read back: readModels.load (where it exists) or store.readStream. */
  loadMs: number;
  loads: number;
}

interface RebuildRun {
  readonly eventsPerSecond: number;
  readonly seconds: number;
  readonly breakdown: Breakdown;
  readonly readModelBytes: number;
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
  // States the runner does not hold in memory are read back: from the read models (a `load`, in
  // layouts that store projections) or folded from their stream (store.readStream).
  const timed = <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const start = process.hrtime.bigint();
      try {
        return fn(...args);
      } finally {
        b.loadMs += Number(process.hrtime.bigint() - start) / 1e6;
        b.loads++;
      }
    };
  store.readStream = timed(store.readStream.bind(store));
  const withLoad = readModels as unknown as { load?: (agreementId: string) => unknown };
  if (typeof withLoad.load === 'function') withLoad.load = timed(withLoad.load.bind(readModels));
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

async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return session;
}

async function stopProfiler(session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
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
  const measured: Breakdown = { ...breakdown }; // before the checks below load rows themselves
  try {
    await verifyRebuild(store, readModels, log, count);
  } finally {
    readModels.close();
    await store.close();
  }
  const readModelBytes = fileBytes(join(dir, 'read-models.sqlite'));
  rmSync(dir, { recursive: true, force: true });
  return { eventsPerSecond: count / seconds, seconds, breakdown: measured, readModelBytes };
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
    const stream = await store.readStream(`agreement-${id}`);
    const folded = projectAgreement(
      stream.map((e) => ({ event: { type: e.type, data: e.data } as unknown as AgreementEvent, revision: e.revision, position: e.position, recordedAt: e.recordedAt })),
    );
    const row = byId.get(id);
    if (!row || !isDeepStrictEqual(JSON.parse(row.summary), JSON.parse(JSON.stringify(agreementSummary(folded, { asOf: today }))))) {
      throw new Error(`the rebuilt summary of ${id} differs from a fold of its stream`);
    }
  }
}

/** The columns the store's readAll selects (recorded_at only where the schema still has it). */
const STORE_COLUMNS = ['position', 'event_id', 'stream_id', 'revision', 'type', 'data', 'metadata', 'recorded_at'] as const;

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

interface RebuildResults {
  readonly log: GeneratedLog;
  readonly ours: RebuildRun[];
  /** The same with batchSize DIAG_BATCH. */
  readonly oursBigBatch: RebuildRun[];
  readonly raw: number[];
  readonly profile?: string;
}

async function benchRebuild(): Promise<RebuildResults> {
  const shape: LogShape = { agreements: AGREEMENTS, events: READ_EVENTS, active: Math.min(ACTIVE, AGREEMENTS), seed: 1 };
  progress(`(a) generating a log of ${formatInt(READ_EVENTS)} events over ${formatInt(AGREEMENTS)} agreements (${formatInt(shape.active)} in progress at once)`);
  const log = await generateLog(join(workDir, 'rebuild', 'ledger.sqlite'), shape, 'rebuild log');
  progress(`(a) generated in ${formatFixed(log.seconds, 1)} s, ${formatFixed(log.fileBytes / 2 ** 20, 0)} MiB`);
  const results: { ours: RebuildRun[]; oursBigBatch: RebuildRun[]; raw: number[]; profile?: string } = { ours: [], oursBigBatch: [], raw: [] };
  const describe = (r: RebuildRun): string =>
    `${formatInt(r.eventsPerSecond)} events/s (${formatFixed(r.seconds, 1)} s; readAll ${formatFixed(r.breakdown.readAllMs / 1000, 1)} s, ` +
    `state reads ${formatFixed(r.breakdown.loadMs / 1000, 1)} s × ${formatInt(r.breakdown.loads)}, commit ${formatFixed(r.breakdown.commitMs / 1000, 1)} s, ` +
    `${formatInt(r.breakdown.rowsWritten)} rows in ${r.breakdown.commits} commits)`;
  for (let run = 0; run < RUNS; run++) {
    await rotate(run, [
      async () => {
        const r = await oursRebuild(log, join(workDir, `read-models-${run}`));
        results.ours.push(r);
        progress(`(a) run ${run + 1}/${RUNS} ours: ${describe(r)}`);
      },
      async () => {
        const r = await oursRebuild(log, join(workDir, `read-models-big-${run}`), { batchSize: DIAG_BATCH });
        results.oursBigBatch.push(r);
        progress(`(a) run ${run + 1}/${RUNS} ours, batchSize ${formatInt(DIAG_BATCH)}: ${describe(r)}`);
      },
      async () => {
        results.raw.push(rawRead(log));
        progress(`(a) run ${run + 1}/${RUNS} raw: ${formatInt(results.raw.at(-1)!)} events/s`);
      },
    ]);
  }
  if (PROFILE_DIR) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    const file = join(PROFILE_DIR, 'rebuild.cpuprofile');
    progress(`(a) profiling one more rebuild (not counted) into ${file}`);
    await oursRebuild(log, join(workDir, 'read-models-profile'), undefined, file);
    results.profile = formatProfileSummary('rebuild (runToHead) profile', summarizeCpuProfile(readCpuProfile(file), repoRoot, 25));
    progress(results.profile);
  }
  rmSync(dirname(log.file), { recursive: true, force: true });
  return { log, ...results };
}

// ---------------------------------------------------------------------------------------------
// (b) GET status under load, on the real server in a child process.

interface ServerHandle {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  readonly readySeconds: number;
  send(command: ServerCommand): void;
  next<T extends ServerMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>>;
  stop(): Promise<void>;
}

/**
 * A copy of the compiled code as this process loaded it: dist/ is shared, and a build by someone
 * else during a long run would otherwise put different code in the server than in the rebuild.
 */
let serverEntry: string | undefined;
function snapshotServerCode(): void {
  const root = join(workDir, 'code');
  cpSync(join(repoRoot, 'dist'), join(root, 'dist'), { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json')); // "type": "module"
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  serverEntry = join(root, relative(repoRoot, here), 'support', 'read-server.js');
}

async function startServer(dataDir: string): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The server refuses unknown LEDGER_ settings: pass only ours.
    if (key.startsWith('LEDGER_') || key === 'PORT' || key === 'HOST' || key === 'EVENTSTORE_CONNECTION_STRING') continue;
    env[key] = value;
  }
  Object.assign(env, { LEDGER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LEDGER_RATE_LIMIT: '0' });
  const started = process.hrtime.bigint();
  const child = fork(serverEntry ?? join(here, 'support', 'read-server.js'), [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  serverChild = child;
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  const next = <T extends ServerMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>> =>
    new Promise((resolvePromise, reject) => {
      const onMessage = (message: ServerMessage): void => {
        if (message.type === type) {
          done();
          resolvePromise(message as Extract<ServerMessage, { type: T }>);
        } else if (message.type === 'failed') {
          done();
          reject(new Error(`server: ${message.error}`));
        }
      };
      const onExit = (code: number | null, signal: string | null): void => {
        done();
        reject(new Error(`server exited (${signal ?? code}) while waiting for ${type}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`server: no ${type} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      }
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const ready = await next('ready', CATCH_UP_TIMEOUT_SECONDS * 1000);
  return {
    child,
    url: ready.url,
    token: ready.token,
    readySeconds: secondsSince(started),
    send: (command) => child.send(command),
    next,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' } satisfies ServerCommand);
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

interface Health {
  readonly store: { readonly headPosition: string | null };
  readonly projections: { readonly position: string | null; readonly caughtUp: boolean; readonly lagEvents?: number };
}

/** Seconds until /api/health says caught up, and whether it already did at the first answer. */
async function waitUntilCaughtUp(api: string): Promise<{ seconds: number; atFirstAnswer: boolean }> {
  const start = process.hrtime.bigint();
  let lastReport = 0;
  for (let polls = 0; ; polls++) {
    const response = await fetch(`${api}/health`, { signal: AbortSignal.timeout(CATCH_UP_TIMEOUT_SECONDS * 1000) });
    const health = (await response.json()) as Health;
    if (health.projections.caughtUp) return { seconds: secondsSince(start), atFirstAnswer: polls === 0 };
    const elapsed = secondsSince(start);
    if (elapsed > CATCH_UP_TIMEOUT_SECONDS) throw new Error(`the projections did not catch up within ${CATCH_UP_TIMEOUT_SECONDS} s`);
    if (elapsed - lastReport >= 5) {
      lastReport = elapsed;
      progress(`(b) projections catching up: position ${health.projections.position ?? '-'} of ${health.store.headPosition}, lag ${health.projections.lagEvents ?? '?'} events`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly requests: number;
  readonly non2xx: number;
  /** Connection errors, timeouts included (autocannon's 10 s request timeout). */
  readonly errors: number;
  readonly timeouts: number;
  readonly meanBytes: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * Closed-loop load: each connection sends its next request when the previous answer arrives.
 * Paths are dealt out to the connections in disjoint slices, so together they cover all of them;
 * request buffers are prebuilt, so the load generator does the same work for every endpoint.
 */
function load(url: string, token: string, paths: readonly string[], connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  let bytes = 0;
  let clientIndex = 0;
  const perClient = Math.max(1, Math.ceil(paths.length / connections));
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        setupClient: (client) => {
          const k = clientIndex++;
          client.setRequests(Array.from({ length: perClient }, (_, j) => ({ method: 'GET' as const, path: paths[(k * perClient + j) % paths.length]! })));
        },
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const sorted = Float64Array.from(latencies).sort();
        resolvePromise({
          requestsPerSecond: result.requests.total / result.duration,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
          requests: result.requests.total,
          non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          meanBytes: bytes / Math.max(1, latencies.length),
        });
      },
    );
    instance.on('response', (_client, statusCode, resBytes, responseTime) => {
      latencies.push(responseTime);
      bytes += resBytes;
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
  });
}

interface StatusResults {
  readonly log: GeneratedLog;
  readonly readySeconds: number;
  readonly catchUpSeconds: number;
  /** The first /api/health answer already said caught up: the server answered nothing while catching up. */
  readonly caughtUpAtFirstAnswer: boolean;
  readonly status: LoadResult[];
  readonly me: LoadResult[];
  readonly statusOneConnection: LoadResult;
  readonly meOneConnection: LoadResult;
  readonly statusBodyBytes: number;
  readonly profiles: string[];
}

async function benchStatus(): Promise<StatusResults> {
  const dataDir = join(workDir, 'server');
  const shape: LogShape = { agreements: SERVER_AGREEMENTS, events: SERVER_EVENTS, active: SERVER_ACTIVE, seed: 2 };
  progress(`(b) generating the server's log: ${formatInt(SERVER_EVENTS)} events over ${formatInt(SERVER_AGREEMENTS)} agreements`);
  const log = await generateLog(join(dataDir, 'ledger.sqlite'), shape, 'server log');
  progress(`(b) generated in ${formatFixed(log.seconds, 1)} s; starting the server (child process)`);
  const server = await startServer(dataDir);
  try {
    const api = `${server.url}/api`;
    progress(`(b) server ready after ${formatFixed(server.readySeconds, 1)} s at ${api}; waiting for the projections to catch up`);
    const caughtUp = await waitUntilCaughtUp(api);
    const catchUpSeconds = server.readySeconds + caughtUp.seconds;
    progress(`(b) caught up ${formatFixed(catchUpSeconds, 1)} s after start`);

    const ids = agreementIds(SERVER_AGREEMENTS);
    const rng = mulberry32(4242);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    const statusPaths = ids.map((id) => `/api/agreements/${id}/status`);
    const mePaths = ['/api/me'];
    const headers = { authorization: `Bearer ${server.token}` };
    const sample = await fetch(`${server.url}${statusPaths[0]}`, { headers });
    const sampleBody = await sample.text();
    if (sample.status !== 200 || !sampleBody.includes('"inForce"')) throw new Error(`GET ${statusPaths[0]}: ${sample.status} ${sampleBody.slice(0, 200)}`);
    const me = await fetch(`${api}/me`, { headers });
    if (me.status !== 200) throw new Error(`GET /api/me: ${me.status} ${await me.text()}`);

    progress(`(b) warming up, ${WARMUP_SECONDS} s per endpoint`);
    await load(server.url, server.token, statusPaths, CONNECTIONS, WARMUP_SECONDS);
    await load(server.url, server.token, mePaths, CONNECTIONS, WARMUP_SECONDS);

    const results = { status: [] as LoadResult[], me: [] as LoadResult[] };
    const describe = (r: LoadResult): string =>
      `${formatInt(r.requestsPerSecond)} req/s, p50 ${formatFixed(r.p50, 2)} ms, p99 ${formatFixed(r.p99, 2)} ms` +
      (r.non2xx + r.errors > 0 ? `, ${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts)` : '');
    for (let run = 0; run < RUNS; run++) {
      await rotate(run, [
        async () => {
          results.status.push(await load(server.url, server.token, statusPaths, CONNECTIONS, SECONDS));
          progress(`(b) run ${run + 1}/${RUNS} GET status: ${describe(results.status.at(-1)!)}`);
        },
        async () => {
          results.me.push(await load(server.url, server.token, mePaths, CONNECTIONS, SECONDS));
          progress(`(b) run ${run + 1}/${RUNS} GET /api/me: ${describe(results.me.at(-1)!)}`);
        },
      ]);
    }
    // Diagnostic: one connection, no queueing, so latency is the server's time per request.
    const diagnosticSeconds = Math.max(2, Math.ceil(SECONDS / 3));
    const statusOneConnection = await load(server.url, server.token, statusPaths, 1, diagnosticSeconds);
    const meOneConnection = await load(server.url, server.token, mePaths, 1, diagnosticSeconds);
    progress(`(b) 1 connection: status ${describe(statusOneConnection)}; me ${describe(meOneConnection)}`);

    const profiles: string[] = [];
    if (PROFILE_DIR) {
      mkdirSync(PROFILE_DIR, { recursive: true });
      for (const [name, paths] of [['status', statusPaths], ['me', mePaths]] as const) {
        const file = join(PROFILE_DIR, `server-${name}.cpuprofile`);
        progress(`(b) profiling the server under GET ${name} load into ${file}`);
        server.send({ type: 'profile-start' });
        await server.next('profiling', 10_000);
        await load(server.url, server.token, paths, CONNECTIONS, SECONDS);
        server.send({ type: 'profile-stop', file });
        await server.next('profiled', 60_000);
        const codeRoot = serverEntry ? join(workDir, 'code') : repoRoot;
        const summary = formatProfileSummary(`server under GET ${name} load`, summarizeCpuProfile(readCpuProfile(file), codeRoot, 25));
        profiles.push(summary);
        progress(summary);
      }
    }
    return {
      log,
      readySeconds: server.readySeconds,
      catchUpSeconds,
      caughtUpAtFirstAnswer: caughtUp.atFirstAnswer,
      ...results,
      statusOneConnection,
      meOneConnection,
      statusBodyBytes: Buffer.byteLength(sampleBody),
      profiles,
    };
  } finally {
    await server.stop();
    serverChild = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function spread(values: readonly number[]): string {
  return values.length < 2 ? '—' : `±${formatPercent(relativeSpread(values) / 2)}`;
}

function ratioCell(ratio: number): string {
  return `${formatFixed(ratio, 2)}× (${formatPercent(ratio)})`;
}

function runsOf(values: readonly number[], digits = 0): string {
  return values.map((v) => (digits === 0 ? formatInt(v) : formatFixed(v, digits))).join(', ');
}

const met = (ok: boolean): string => (ok ? 'yes' : 'NO');

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const loadAtStart = loadavg()[0]!;
  const code = codeVersion();
  if (ONLY !== 'rebuild') snapshotServerCode();
  progress(`temp dir ${workDir}; code ${code}`);
  const rebuild = ONLY === 'status' ? undefined : await benchRebuild();
  const status = ONLY === 'rebuild' ? undefined : await benchStatus();

  const rows: string[][] = [];
  const notes: string[] = [];
  if (rebuild) {
    const ours = median(rebuild.ours.map((r) => r.eventsPerSecond));
    const raw = median(rebuild.raw);
    const { log } = rebuild;
    rows.push([
      `(a) rebuild all read models: runToHead over ${formatInt(log.shape.events)} events, ${formatInt(log.shape.agreements)} agreements`,
      `${formatInt(ours)} events/s`,
      `${formatInt(raw)} events/s (raw SELECT + JSON.parse)`,
      ratioCell(ours / raw),
      '≥ 0.60× (60 %)',
      met(ours / raw >= TARGET_REBUILD),
      `${spread(rebuild.ours.map((r) => r.eventsPerSecond))} / ${spread(rebuild.raw)}`,
    ]);
    const big = median(rebuild.oursBigBatch.map((r) => r.eventsPerSecond));
    rows.push([
      `(a) (diagnostic) the same with new ProjectionRunner(…, { batchSize: ${formatInt(DIAG_BATCH)} })` +
        (DIAG_BATCH >= log.shape.events ? ': one commit at the head' : ''),
      `${formatInt(big)} events/s`,
      `${formatInt(raw)} events/s (raw SELECT + JSON.parse)`,
      ratioCell(big / raw),
      `(≥ 0.60× (60 %))`,
      met(big / raw >= TARGET_REBUILD),
      `${spread(rebuild.oursBigBatch.map((r) => r.eventsPerSecond))} / ${spread(rebuild.raw)}`,
    ]);
    const mid = (pick: (r: RebuildRun) => number): number => median(rebuild.ours.map(pick));
    const seconds = mid((r) => r.seconds);
    const readAll = mid((r) => r.breakdown.readAllMs / 1000);
    const commit = mid((r) => r.breakdown.commitMs / 1000);
    const loadS = mid((r) => r.breakdown.loadMs / 1000);
    const rest = seconds - readAll - commit - loadS;
    notes.push(
      `- (a) log: ${formatInt(log.shape.events)} events in ${formatInt(log.appends)} appends (${formatFixed(log.shape.events / log.appends, 2)} events/append, ` +
        `${GEN_APPENDS_PER_COMMIT} appends/commit), ${formatFixed(log.fileBytes / 2 ** 20, 0)} MiB, written through SqliteEventStore.append in ` +
        `${formatFixed(log.seconds, 1)} s; ${formatInt(log.shape.active)} agreements in progress at once, 1–4 events per append to a random one of them`,
      `- (a) mix: ${describeMix(log.byType, log.shape.events)}; event data ${formatInt(log.meanDataBytes)} B JSON on average; ` +
        `${log.deciderChecked} sample streams re-decided by decide() identically`,
      `- (a) where a rebuild's ${formatFixed(seconds, 1)} s go (median): store.readAll ${formatFixed(readAll, 1)} s (${formatPercent(readAll / seconds)}), ` +
        `readModels.commit ${formatFixed(commit, 1)} s (${formatPercent(commit / seconds)}), reading states back ${formatFixed(loadS, 1)} s (${formatPercent(loadS / seconds)}), ` +
        `apply/evolve and the rest ${formatFixed(rest, 1)} s (${formatPercent(rest / seconds)})`,
      `- (a) per rebuild: ${formatInt(mid((r) => r.breakdown.rowsWritten))} agreement rows written in ${formatInt(mid((r) => r.breakdown.commits))} commits ` +
        `(${formatFixed(mid((r) => r.breakdown.rowsWritten) / log.shape.agreements, 1)} writes per agreement), ` +
        `${formatInt(mid((r) => r.breakdown.loads))} states read back (readModels.load or store.readStream); read-model file ${formatFixed(mid((r) => r.readModelBytes) / 2 ** 20, 0)} MiB`,
      `- (a) with batchSize ${formatInt(DIAG_BATCH)}: ${formatInt(median(rebuild.oursBigBatch.map((r) => r.breakdown.rowsWritten)))} rows in ` +
        `${formatInt(median(rebuild.oursBigBatch.map((r) => r.breakdown.commits)))} commits, commit ${formatFixed(median(rebuild.oursBigBatch.map((r) => r.breakdown.commitMs / 1000)), 1)} s ` +
        `of ${formatFixed(median(rebuild.oursBigBatch.map((r) => r.seconds)), 1)} s`,
      `- (a) runs, ours events/s: ${runsOf(rebuild.ours.map((r) => r.eventsPerSecond))}; batchSize ${formatInt(DIAG_BATCH)}: ` +
        `${runsOf(rebuild.oursBigBatch.map((r) => r.eventsPerSecond))}; raw events/s: ${runsOf(rebuild.raw)}`,
    );
  }
  if (status) {
    const s = {
      rps: median(status.status.map((r) => r.requestsPerSecond)),
      p50: median(status.status.map((r) => r.p50)),
      p99: median(status.status.map((r) => r.p99)),
    };
    const m = {
      rps: median(status.me.map((r) => r.requestsPerSecond)),
      p50: median(status.me.map((r) => r.p50)),
      p99: median(status.me.map((r) => r.p99)),
    };
    const all = [...status.status, ...status.me];
    const non2xx = all.reduce((n, r) => n + r.non2xx, 0);
    const errors = all.reduce((n, r) => n + r.errors, 0);
    const timeouts = all.reduce((n, r) => n + r.timeouts, 0);
    const label = `${CONNECTIONS} conn., ${SECONDS} s`;
    rows.push(
      [
        `(b) GET /api/agreements/:id/status throughput (${label}, ${formatInt(SERVER_AGREEMENTS)} agreements)`,
        `${formatInt(s.rps)} req/s`,
        `${formatInt(m.rps)} req/s (GET /api/me)`,
        ratioCell(s.rps / m.rps),
        '≥ 0.50× (50 %)',
        met(s.rps / m.rps >= TARGET_STATUS_THROUGHPUT),
        `${spread(status.status.map((r) => r.requestsPerSecond))} / ${spread(status.me.map((r) => r.requestsPerSecond))}`,
      ],
      [
        `(b) GET status latency p99 (${label})`,
        `${formatFixed(s.p99, 2)} ms`,
        `${formatFixed(m.p99, 2)} ms (GET /api/me)`,
        `${formatFixed(s.p99 / m.p99, 2)}×`,
        '< 10 ms',
        met(s.p99 < TARGET_STATUS_P99_MS),
        `${spread(status.status.map((r) => r.p99))} / ${spread(status.me.map((r) => r.p99))}`,
      ],
      [
        `(b) GET status latency p50 (${label})`,
        `${formatFixed(s.p50, 2)} ms`,
        `${formatFixed(m.p50, 2)} ms (GET /api/me)`,
        `${formatFixed(s.p50 / m.p50, 2)}×`,
        '—',
        '—',
        `${spread(status.status.map((r) => r.p50))} / ${spread(status.me.map((r) => r.p50))}`,
      ],
      [
        `(b) (diagnostic) 1 connection: p50 / p99 = time per request without queueing`,
        `${formatFixed(status.statusOneConnection.p50, 2)} / ${formatFixed(status.statusOneConnection.p99, 2)} ms`,
        `${formatFixed(status.meOneConnection.p50, 2)} / ${formatFixed(status.meOneConnection.p99, 2)} ms`,
        `${formatFixed(status.statusOneConnection.p50 / status.meOneConnection.p50, 2)}× (p50)`,
        '—',
        '—',
        '—',
      ],
    );
    const { log } = status;
    notes.push(
      `- (b) server: dist/bench/support/read-server.js (loadConfig + createApp, as npm start; run from a copy of dist/ taken at start) in a child process, ` +
        `SQLite store, LEDGER_RATE_LIMIT=0; ` +
        `autocannon in this process, closed loop, request buffers prebuilt for both endpoints; ${WARMUP_SECONDS} s warm-up per endpoint`,
      `- (b) log: ${formatInt(log.shape.events)} events over ${formatInt(log.shape.agreements)} agreements, ${formatFixed(log.fileBytes / 2 ** 20, 0)} MiB, generated in ` +
        `${formatFixed(log.seconds, 1)} s; the server listened ${formatFixed(status.readySeconds, 1)} s after start and its projections caught up ` +
        `${formatFixed(status.catchUpSeconds, 1)} s after start (${formatInt(log.shape.events / status.catchUpSeconds)} events/s)` +
        (status.caughtUpAtFirstAnswer ? '; its first /api/health answer already said caught up: it did not listen until the catch-up was done' : ''),
      `- (b) status requests spread over all ${formatInt(SERVER_AGREEMENTS)} agreements (disjoint shuffled slices per connection); ` +
        `status body ~${formatInt(median(status.status.map((r) => r.meanBytes)))} B, /api/me ~${formatInt(median(status.me.map((r) => r.meanBytes)))} B per response incl. headers` +
        (non2xx + errors > 0
          ? `; in total ${non2xx} non-2xx responses and ${errors} connection errors (${timeouts} of them autocannon's 10 s timeout)`
          : '; every response 2xx'),
      `- (b) with ${CONNECTIONS} connections in a closed loop, mean latency ≈ ${CONNECTIONS} / throughput (Little's law): ` +
        `${formatFixed((CONNECTIONS / s.rps) * 1000, 2)} ms for status, ${formatFixed((CONNECTIONS / m.rps) * 1000, 2)} ms for /api/me`,
      `- (b) runs, status req/s: ${runsOf(status.status.map((r) => r.requestsPerSecond))}, p99 ms: ${runsOf(status.status.map((r) => r.p99), 2)}; ` +
        `/api/me req/s: ${runsOf(status.me.map((r) => r.requestsPerSecond))}, p99 ms: ${runsOf(status.me.map((r) => r.p99), 2)}`,
    );
  }

  const cpuList = cpus();
  const loadAtEnd = loadavg()[0]!;
  const lines = [
    '# Read-side benchmark (projection rebuild, GET status under load)',
    '',
    `machine: ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${formatFixed(totalmem() / 2 ** 30, 1)} GiB RAM, ` +
      `${process.platform}/${process.arch}, node ${process.version}, better-sqlite3 SQLite ${sqliteVersion()}`,
    `code: ${code}`,
    `runs: ${RUNS} per figure (median shown; ours and baseline take turns going first), temp dir under ${tmpdir()}`,
    `load average (1 min): ${formatFixed(loadAtStart, 2)} at start, ${formatFixed(loadAtEnd, 2)} at end` +
      (Math.max(loadAtStart, loadAtEnd) > cpuList.length * 0.75 ? ' — the machine was busy: treat the figures with caution' : ''),
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
    ...notes,
    ...(rebuild?.profile || (status?.profiles.length ?? 0) > 0
      ? ['', 'profiles (BENCH_PROFILE_DIR):', ...(rebuild?.profile ? [rebuild.profile] : []), ...(status?.profiles ?? [])]
      : []),
    `- total time ${formatFixed(secondsSince(started), 0)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The commit measured, and whether src/ or projections/ had uncommitted changes (both move fast). */
function codeVersion(): string {
  const git = (...args: string[]): string | undefined => {
    const result = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim() : undefined;
  };
  const head = git('log', '-1', '--format=%h %s');
  if (head === undefined) return 'unknown (no git)';
  const dirty = git('status', '--porcelain', '--', 'src', 'projections');
  return `git ${head}${dirty ? ' + uncommitted changes in src/ or projections/' : ''}`;
}


await runBench('bench:read', main, cleanUp);

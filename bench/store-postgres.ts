/**
 * Event store benchmark on PostgreSQL: the PostgreSQL store against raw `pg` on the same server,
 * in the same invocation — one INSERT per transaction (the baseline of the targets) and batched
 * INSERTs (what one transaction of many rows costs). Every figure is the median of BENCH_RUNS runs;
 * the scenarios take turns going first from run to run.
 *
 *   npm run bench:store:postgres
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test BENCH_RUNS=3 BENCH_APPENDS=2000 npm run bench:store:postgres
 *
 * Settings (environment): BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/test: a database
 * on the server where the bench may create and drop databases of its own), BENCH_RUNS (5),
 * BENCH_APPENDS (5000), BENCH_STREAMS (2500), BENCH_CALLERS (32), BENCH_RAW_BATCH (32 rows per
 * raw batched transaction).
 *
 * The table goes to stdout, progress to stderr. It reports; it does not assert.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { COMPARISON_COLUMNS, met, ratioCell, reportHeader, runsOf, spread, startBenchRun } from './support/bench-run.js';
import { positiveIntFromEnv, runBench } from './support/env.js';
import { agreementAmended } from './support/fixtures.js';
import { benchPostgresAppends, type PostgresAppendResults } from './support/store-appends-postgres.js';
import { median, secondsSince } from './support/stats.js';
import { formatFixed, formatInt, renderTable } from './support/table.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 5);
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APPENDS = {
  runs: RUNS,
  appends: positiveIntFromEnv('BENCH_APPENDS', 5_000),
  streams: positiveIntFromEnv('BENCH_STREAMS', 2_500),
  callers: positiveIntFromEnv('BENCH_CALLERS', 32),
  rawBatch: positiveIntFromEnv('BENCH_RAW_BATCH', 32),
};

const TARGET_SINGLE = 0.7;
const TARGET_CONCURRENT = 2;

const bench = startBenchRun('bench:store:postgres');

function appendRows(r: PostgresAppendResults): string[][] {
  const raw = median(r.raw);
  const concurrent = median(r.concurrent);
  // Ours and raw ran in alternating blocks within each run: their ratio is taken run by run.
  const singleRatio = median(r.single.map((ours, run) => ours / r.raw[run]!));
  return [
    [
      `1. 1 caller, 1 event/append, exact revision (${formatInt(APPENDS.appends)} appends, ${formatInt(APPENDS.streams)} streams)`,
      `${formatInt(median(r.single))} appends/s`,
      `${formatInt(raw)} tx/s (raw, 1 INSERT/tx, same blocks)`,
      ratioCell(singleRatio),
      '≥ 0.70× (70 %)',
      met(singleRatio >= TARGET_SINGLE),
      `${spread(r.single)} / ${spread(r.raw)}`,
    ],
    [
      `2. ${APPENDS.callers} concurrent callers, own streams (group commit, mean batch ${formatFixed(median(r.concurrentBatch), 1)})`,
      `${formatInt(concurrent)} appends/s`,
      `${formatInt(raw)} tx/s (raw, 1 INSERT/tx)`,
      ratioCell(concurrent / raw),
      '≥ 2.00× (200 %)',
      met(concurrent / raw >= TARGET_CONCURRENT),
      `${spread(r.concurrent)} / ${spread(r.raw)}`,
    ],
    [
      `2b. (reference) the same against raw batched INSERTs`,
      `${formatInt(concurrent)} appends/s`,
      `${formatInt(median(r.rawBatched))} rows/s (raw, ${APPENDS.rawBatch} rows/tx)`,
      ratioCell(concurrent / median(r.rawBatched)),
      '—',
      '—',
      `${spread(r.concurrent)} / ${spread(r.rawBatched)}`,
    ],
  ];
}

async function serverSettings(): Promise<string> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; fsync: string; synchronous_commit: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit`,
    );
    const s = rows[0]!;
    return `PostgreSQL ${s.version}, fsync=${s.fsync}, synchronous_commit=${s.synchronous_commit} (both sides alike)`;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const loadAtStart = loadavg()[0]!;
  const server = await serverSettings();
  bench.progress(`server ${new URL(SERVER_URL).host}: ${server}`);
  const appends = await benchPostgresAppends(APPENDS, SERVER_URL, bench.progress);
  const dataBytes = Buffer.byteLength(JSON.stringify(agreementAmended(0).data), 'utf8');
  const lines = [
    '# Event store benchmark (PostgreSQL store vs raw pg)',
    '',
    ...reportHeader(RUNS, loadAtStart),
    `server: ${server}, on ${new URL(SERVER_URL).host}`,
    `event: AgreementAmended, data ${formatInt(dataBytes)} B JSON`,
    '',
    renderTable(COMPARISON_COLUMNS, appendRows(appends)),
    '',
    'notes:',
    `- 1 caller: ours and raw append in alternating blocks of 50 within each run; the ratio is the median of the runs' own ratios: ` +
      runsOf(appends.single.map((ours, run) => ours / appends.raw[run]!), 2),
    `- per-append latency, 1 caller: ours ${formatFixed(1e6 / median(appends.single), 1)} µs vs raw ${formatFixed(1e6 / median(appends.raw), 1)} µs`,
    `- runs, raw tx/s: ${runsOf(appends.raw)}; raw batched rows/s: ${runsOf(appends.rawBatched)}; ours 1 caller: ${runsOf(appends.single)}; ` +
      `ours ${APPENDS.callers} callers: ${runsOf(appends.concurrent)}`,
    `- total time ${formatFixed(secondsSince(started), 0)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runBench('bench:store:postgres', main, bench.cleanUp);

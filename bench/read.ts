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
 * to prove the generated histories valid), BENCH_CATCH_UP_TIMEOUT (3600 s), BENCH_REBUILD_DIAG_BATCH
 * (a diagnostic rebuild with this batchSize beside the default one; BENCH_READ_EVENTS, i.e. one
 * commit at the head), BENCH_ONLY (rebuild | status), BENCH_PROFILE_DIR (also write .cpuprofile
 * files of one extra rebuild and of the server under load, and summarise them).
 *
 * The table goes to stdout, progress to stderr. It reports; it does not assert: the exit code is 0
 * whether or not the targets are met (and 1 only if the benchmark itself fails).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { COMPARISON_COLUMNS, reportHeader, startBenchRun } from './support/bench-run.js';
import { positiveIntFromEnv, runBench } from './support/env.js';
import { rebuildReport, statusReport } from './support/read-report.js';
import { repoRoot, snapshotServerCode } from './support/read-server-handle.js';
import { benchRebuild } from './support/rebuild.js';
import { secondsSince } from './support/stats.js';
import { benchStatus } from './support/status-load.js';
import { formatFixed, renderTable } from './support/table.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 3);
const READ_EVENTS = positiveIntFromEnv('BENCH_READ_EVENTS', 1_000_000);
const AGREEMENTS = positiveIntFromEnv('BENCH_AGREEMENTS', 20_000);
const ACTIVE = positiveIntFromEnv('BENCH_ACTIVE', Math.max(1, Math.round(AGREEMENTS / 5)));
const SERVER_AGREEMENTS = positiveIntFromEnv('BENCH_SERVER_AGREEMENTS', 10_000);
const DECIDER_SAMPLE = positiveIntFromEnv('BENCH_DECIDER_SAMPLE', 500);
const LOAD = {
  seconds: positiveIntFromEnv('BENCH_SECONDS', 10),
  connections: positiveIntFromEnv('BENCH_CONNECTIONS', 50),
  warmUpSeconds: positiveIntFromEnv('BENCH_WARMUP_SECONDS', 3),
};
const DIAG_BATCH = positiveIntFromEnv('BENCH_REBUILD_DIAG_BATCH', READ_EVENTS);
const CATCH_UP_TIMEOUT_SECONDS = positiveIntFromEnv('BENCH_CATCH_UP_TIMEOUT', 3600);
const ONLY = process.env.BENCH_ONLY?.trim() || undefined;
if (ONLY !== undefined && ONLY !== 'rebuild' && ONLY !== 'status') throw new RangeError(`BENCH_ONLY must be rebuild or status, got ${JSON.stringify(ONLY)}`);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR?.trim() ? resolve(process.env.BENCH_PROFILE_DIR.trim()) : undefined;

const bench = startBenchRun('bench:read');

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const loadAtStart = loadavg()[0]!;
  const code = codeVersion();
  // The server runs from a copy of dist/ as it is now: a build by someone else during a long run
  // would otherwise put different code in the server than in the rebuild.
  const serverCode = ONLY === 'rebuild' ? undefined : snapshotServerCode(bench.workDir);
  bench.progress(`temp dir ${bench.workDir}; code ${code}`);
  const rebuild =
    ONLY === 'status'
      ? undefined
      : await benchRebuild(
          {
            runs: RUNS,
            shape: { agreements: AGREEMENTS, events: READ_EVENTS, active: Math.min(ACTIVE, AGREEMENTS), seed: 1 },
            deciderSample: DECIDER_SAMPLE,
            diagnosticBatch: DIAG_BATCH,
            profileDir: PROFILE_DIR,
            codeRoot: repoRoot,
          },
          bench.workDir,
          bench.progress,
        );
  const status =
    serverCode === undefined
      ? undefined
      : await benchStatus(
          {
            runs: RUNS,
            shape: {
              agreements: SERVER_AGREEMENTS,
              events: positiveIntFromEnv('BENCH_SERVER_EVENTS', SERVER_AGREEMENTS * 50),
              active: Math.max(1, Math.round(SERVER_AGREEMENTS / 5)),
              seed: 2,
            },
            deciderSample: DECIDER_SAMPLE,
            ...LOAD,
            catchUpTimeoutSeconds: CATCH_UP_TIMEOUT_SECONDS,
            codeRoot: serverCode,
            profileDir: PROFILE_DIR,
          },
          bench.workDir,
          bench.progress,
        );

  const reports = [...(rebuild ? [rebuildReport(rebuild, DIAG_BATCH)] : []), ...(status ? [statusReport(status, LOAD)] : [])];
  const profiles = [...(rebuild?.profile ? [rebuild.profile] : []), ...(status?.profiles ?? [])];
  const lines = [
    '# Read-side benchmark (projection rebuild, GET status under load)',
    '',
    ...reportHeader(RUNS, loadAtStart),
    `code: ${code}`,
    '',
    renderTable(
      COMPARISON_COLUMNS,
      reports.flatMap((r) => r.rows),
    ),
    '',
    'notes:',
    ...reports.flatMap((r) => r.notes),
    ...(profiles.length > 0 ? ['', 'profiles (BENCH_PROFILE_DIR):', ...profiles] : []),
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

await runBench('bench:read', main, bench.cleanUp);

/**
 * The request path's cost, against bare Nest + Fastify measured in the same invocation:
 *
 *   (a) closed loop, BENCH_CONNECTIONS (50) connections: bare Nest + Fastify answering a constant
 *       (the baseline), the server's GET /api/health/live (unauthenticated), GET /api/me
 *       (authenticated, trivial) and GET /api/agreements/:id/status; each server in its own child
 *       process, logging an access line per request as in production.
 *   (b) open loop at BENCH_RATE (1000) requests a second: p50 and p99 counted from when each
 *       request was due, for the same endpoints.
 *
 * Beside requests per second, each closed-loop run reads the server process's CPU time (Linux
 * /proc): CPU µs per request compares the endpoints' cost even when other work on the machine
 * takes the CPU from the server and throughput with it.
 *
 *   npm run bench:http
 *   BENCH_RUNS=1 BENCH_SECONDS=3 npm run bench:http
 *
 * Settings (environment): BENCH_RUNS (3), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3),
 * BENCH_CONNECTIONS (50), BENCH_RATE (1000), BENCH_OPEN_SECONDS (10), BENCH_SERVER_AGREEMENTS (200).
 * Targets (issue 13): /api/me ≥ 0.5× bare, status ≥ 0.7× /api/me, open-loop status p99 < 10 ms.
 * The table goes to stdout, progress to stderr; it reports and does not assert.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { COMPARISON_COLUMNS, met, ratioCell, reportHeader, rotate, runsOf, spread, startBenchRun } from './support/bench-run.js';
import { positiveIntFromEnv, runBench } from './support/env.js';
import { openLoop, type OpenLoopResult } from './support/open-loop.js';
import { withCpuPerRequest } from './support/process-cpu.js';
import { agreementIds } from './support/read-fixtures.js';
import { generateLog } from './support/read-log.js';
import { snapshotServerCode, startServer, waitUntilCaughtUp, type ServerHandle } from './support/read-server-handle.js';
import { median } from './support/stats.js';
import { load, type LoadResult } from './support/status-load.js';
import { formatFixed, formatInt, renderTable } from './support/table.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 3);
const SECONDS = positiveIntFromEnv('BENCH_SECONDS', 10);
const WARMUP_SECONDS = positiveIntFromEnv('BENCH_WARMUP_SECONDS', 3);
const CONNECTIONS = positiveIntFromEnv('BENCH_CONNECTIONS', 50);
const RATE = positiveIntFromEnv('BENCH_RATE', 1000);
const OPEN_SECONDS = positiveIntFromEnv('BENCH_OPEN_SECONDS', 10);
const AGREEMENTS = positiveIntFromEnv('BENCH_SERVER_AGREEMENTS', 200);

const bench = startBenchRun('bench:http');

interface Endpoint {
  readonly name: string;
  readonly server: () => ServerHandle;
  readonly paths: readonly string[];
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  const codeRoot = snapshotServerCode(bench.workDir);
  const dataDir = join(bench.workDir, 'server');
  bench.progress(`generating a log of ${AGREEMENTS} agreements for the status endpoint`);
  await generateLog(join(dataDir, 'ledger.sqlite'), { agreements: AGREEMENTS, events: AGREEMENTS * 25, active: Math.max(1, AGREEMENTS / 5) }, 'server log', 20, bench.progress);
  process.env.BENCH_SERVER_LOGS = 'production';
  const ledger = await startServer(dataDir, codeRoot, 600);
  const bare = await startServer(join(bench.workDir, 'bare'), codeRoot, 60, 'bare-server.js');
  bench.onCleanUp(() => {
    ledger.child.kill('SIGKILL');
    bare.child.kill('SIGKILL');
  });
  await waitUntilCaughtUp(`${ledger.url}/api`, 600, bench.progress);

  const endpoints: Endpoint[] = [
    { name: 'bare Nest + Fastify: GET constant', server: () => bare, paths: ['/constant'] },
    { name: 'GET /api/health/live', server: () => ledger, paths: ['/api/health/live'] },
    { name: 'GET /api/me', server: () => ledger, paths: ['/api/me'] },
    { name: 'GET /api/agreements/:id/status', server: () => ledger, paths: agreementIds(AGREEMENTS).map((id) => `/api/agreements/${id}/status`) },
  ];
  for (const e of endpoints) {
    const res = await fetch(`${e.server().url}${e.paths[0]}`, { headers: { authorization: `Bearer ${e.server().token}` } });
    if (res.status !== 200) throw new Error(`${e.name}: ${res.status} ${await res.text()}`);
    bench.progress(`warming up ${e.name}`);
    await load(e.server().url, e.server().token, e.paths, CONNECTIONS, WARMUP_SECONDS);
  }

  const closed = new Map<string, Array<LoadResult & { cpuMicrosPerRequest?: number }>>(endpoints.map((e) => [e.name, []]));
  for (let run = 0; run < RUNS; run++) {
    await rotate(
      run,
      endpoints.map((e) => async () => {
        const result = await withCpuPerRequest(e.server().child.pid, () => load(e.server().url, e.server().token, e.paths, CONNECTIONS, SECONDS));
        closed.get(e.name)!.push(result);
        bench.progress(`run ${run + 1}/${RUNS} ${e.name}: ${formatInt(result.requestsPerSecond)} req/s, p99 ${formatFixed(result.p99, 2)} ms` + (result.non2xx + result.errors > 0 ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''));
      }),
    );
  }
  const open = new Map<string, OpenLoopResult[]>(endpoints.map((e) => [e.name, []]));
  for (let run = 0; run < RUNS; run++) {
    await rotate(
      run,
      endpoints.map((e) => async () => {
        const result = await openLoop(e.server().url, e.server().token, e.paths, RATE, OPEN_SECONDS);
        open.get(e.name)!.push(result);
        bench.progress(`run ${run + 1}/${RUNS} open loop ${e.name}: p50 ${formatFixed(result.p50, 2)} ms, p99 ${formatFixed(result.p99, 2)} ms` + (result.non2xx + result.errors > 0 ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''));
      }),
    );
  }
  await Promise.all([ledger.stop(), bare.stop()]);

  const rps = (name: string): number[] => closed.get(name)!.map((r) => r.requestsPerSecond);
  const [bareName, liveName, meName, statusName] = endpoints.map((e) => e.name) as [string, string, string, string];
  const comparisons: Array<[string, string, string, number | undefined]> = [
    [liveName, bareName, '—', undefined],
    [meName, bareName, '≥ 0.5×', 0.5],
    [statusName, meName, '≥ 0.7×', 0.7],
  ];
  const cpu = (name: string): number[] => closed.get(name)!.flatMap((r) => (r.cpuMicrosPerRequest === undefined ? [] : [r.cpuMicrosPerRequest]));
  const closedRows = comparisons.flatMap(([ours, base, target, min]) => {
    const ratio = median(rps(ours)) / median(rps(base));
    const rows = [[`${ours} vs ${base} (req/s)`, formatInt(median(rps(ours))), formatInt(median(rps(base))), ratioCell(ratio), target, min === undefined ? '—' : met(ratio >= min), `${spread(rps(ours))} / ${spread(rps(base))}`]];
    if (cpu(ours).length > 0 && cpu(base).length > 0) {
      // Inverted, so it reads as the throughput ratio a machine free for the server would give.
      const cpuRatio = median(cpu(base)) / median(cpu(ours));
      rows.push([`${ours} vs ${base} (server CPU µs per request; ratio base ÷ ours)`, formatFixed(median(cpu(ours)), 0), formatFixed(median(cpu(base)), 0), ratioCell(cpuRatio), target, min === undefined ? '—' : met(cpuRatio >= min), `${spread(cpu(ours))} / ${spread(cpu(base))}`]);
    }
    return rows;
  });
  const latencyRows = endpoints.map((e) => {
    const c = closed.get(e.name)!;
    const o = open.get(e.name)!;
    const p99 = median(o.map((r) => r.p99));
    return [
      e.name,
      formatInt(median(c.map((r) => r.requestsPerSecond))),
      formatFixed(median(c.map((r) => r.p50)), 2),
      formatFixed(median(c.map((r) => r.p99)), 2),
      cpu(e.name).length > 0 ? formatFixed(median(cpu(e.name)), 0) : '—',
      formatFixed(median(o.map((r) => r.p50)), 2),
      formatFixed(p99, 2),
      e.name === statusName ? `${met(p99 < 10)} (< 10 ms)` : '—',
      runsOf(c.map((r) => r.requestsPerSecond)),
    ];
  });
  const output = [
    'bench:http — the request path against bare Nest + Fastify, same run',
    ...reportHeader(RUNS, loadAtStart),
    `closed loop: ${CONNECTIONS} connections, ${SECONDS} s per run; open loop: ${RATE} req/s for ${OPEN_SECONDS} s, latency from each request's due time`,
    '',
    renderTable(COMPARISON_COLUMNS, closedRows),
    '',
    renderTable(
      [
        { header: 'endpoint' },
        { header: 'req/s (closed)', align: 'right' },
        { header: 'p50 ms (closed)', align: 'right' },
        { header: 'p99 ms (closed)', align: 'right' },
        { header: 'server CPU µs/req', align: 'right' },
        { header: `p50 ms @ ${RATE}/s`, align: 'right' },
        { header: `p99 ms @ ${RATE}/s`, align: 'right' },
        { header: 'p99 target met?' },
        { header: 'req/s per run' },
      ],
      latencyRows,
    ),
  ];
  process.stdout.write(`${output.join('\n')}\n`);
}

void runBench('bench:http', main, bench.cleanUp);

/**
 * bench:read (b): GET /api/agreements/:id/status under load (autocannon, closed loop) on the real
 * server in a child process, against GET /api/me of the same server (authenticated, trivial).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { rotate } from './bench-run.js';
import { formatProfileSummary, readCpuProfile, summarizeCpuProfile } from './cpu-profile.js';
import { agreementIds, mulberry32, type LogShape } from './read-fixtures.js';
import { generateLog, type GeneratedLog } from './read-log.js';
import { startServer, waitUntilCaughtUp } from './read-server-handle.js';
import { formatFixed, formatInt } from './table.js';

export interface LoadResult {
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
export function load(url: string, token: string, paths: readonly string[], connections: number, seconds: number): Promise<LoadResult> {
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

export interface StatusResults {
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

export interface StatusSettings {
  readonly runs: number;
  readonly shape: LogShape;
  readonly deciderSample: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly connections: number;
  readonly catchUpTimeoutSeconds: number;
  /** Where the server's code runs from (a copy of dist/ taken at start). */
  readonly codeRoot: string;
  /** Also profile the server under each load into this directory. */
  readonly profileDir?: string;
}

export async function benchStatus(settings: StatusSettings, workDir: string, progress: (message: string) => void): Promise<StatusResults> {
  const { shape, runs: RUNS, connections: CONNECTIONS, seconds: SECONDS, warmUpSeconds: WARMUP_SECONDS } = settings;
  const dataDir = join(workDir, 'server');
  progress(`(b) generating the server's log: ${formatInt(shape.events)} events over ${formatInt(shape.agreements)} agreements`);
  const log = await generateLog(join(dataDir, 'ledger.sqlite'), shape, 'server log', settings.deciderSample, progress);
  progress(`(b) generated in ${formatFixed(log.seconds, 1)} s; starting the server (child process)`);
  const server = await startServer(dataDir, settings.codeRoot, settings.catchUpTimeoutSeconds);
  try {
    const api = `${server.url}/api`;
    progress(`(b) server ready after ${formatFixed(server.readySeconds, 1)} s at ${api}; waiting for the projections to catch up`);
    const caughtUp = await waitUntilCaughtUp(api, settings.catchUpTimeoutSeconds, progress);
    const catchUpSeconds = server.readySeconds + caughtUp.seconds;
    progress(`(b) caught up ${formatFixed(catchUpSeconds, 1)} s after start`);

    const ids = agreementIds(shape.agreements);
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
    if (settings.profileDir) {
      mkdirSync(settings.profileDir, { recursive: true });
      for (const [name, paths] of [['status', statusPaths], ['me', mePaths]] as const) {
        const file = join(settings.profileDir, `server-${name}.cpuprofile`);
        progress(`(b) profiling the server under GET ${name} load into ${file}`);
        server.send({ type: 'profile-start' });
        await server.next('profiling', 10_000);
        await load(server.url, server.token, paths, CONNECTIONS, SECONDS);
        server.send({ type: 'profile-stop', file });
        await server.next('profiled', 60_000);
        const summary = formatProfileSummary(`server under GET ${name} load`, summarizeCpuProfile(readCpuProfile(file), settings.codeRoot, 25));
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
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

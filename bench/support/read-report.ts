/** bench:read's table rows and notes, from the results of (a) and (b). */
import { met, ratioCell, runsOf, spread } from './bench-run.js';
import { describeMix, GEN_APPENDS_PER_COMMIT } from './read-log.js';
import type { RebuildResults, RebuildRun } from './rebuild.js';
import { median } from './stats.js';
import type { StatusResults } from './status-load.js';
import { formatFixed, formatInt, formatPercent } from './table.js';

export const TARGET_REBUILD = 0.6;
export const TARGET_STATUS_P99_MS = 10;
export const TARGET_STATUS_THROUGHPUT = 0.5;

export interface Report {
  readonly rows: string[][];
  readonly notes: string[];
}

export function rebuildReport(rebuild: RebuildResults, diagnosticBatch: number): Report {
  const rows: string[][] = [];
  const notes: string[] = [];
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
    `(a) (diagnostic) the same with new ProjectionRunner(…, { batchSize: ${formatInt(diagnosticBatch)} })` +
      (diagnosticBatch >= log.shape.events ? ': one commit at the head' : ''),
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
    `- (a) with batchSize ${formatInt(diagnosticBatch)}: ${formatInt(median(rebuild.oursBigBatch.map((r) => r.breakdown.rowsWritten)))} rows in ` +
      `${formatInt(median(rebuild.oursBigBatch.map((r) => r.breakdown.commits)))} commits, commit ${formatFixed(median(rebuild.oursBigBatch.map((r) => r.breakdown.commitMs / 1000)), 1)} s ` +
      `of ${formatFixed(median(rebuild.oursBigBatch.map((r) => r.seconds)), 1)} s`,
    `- (a) runs, ours events/s: ${runsOf(rebuild.ours.map((r) => r.eventsPerSecond))}; batchSize ${formatInt(diagnosticBatch)}: ` +
      `${runsOf(rebuild.oursBigBatch.map((r) => r.eventsPerSecond))}; raw events/s: ${runsOf(rebuild.raw)}`,
  );
  return { rows, notes };
}

export function statusReport(status: StatusResults, settings: { readonly connections: number; readonly seconds: number; readonly warmUpSeconds: number }): Report {
  const { connections, seconds, warmUpSeconds } = settings;
  const agreements = status.log.shape.agreements;
  const rows: string[][] = [];
  const notes: string[] = [];
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
  const label = `${connections} conn., ${seconds} s`;
  rows.push(
    [
      `(b) GET /api/agreements/:id/status throughput (${label}, ${formatInt(agreements)} agreements)`,
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
      `autocannon in this process, closed loop, request buffers prebuilt for both endpoints; ${warmUpSeconds} s warm-up per endpoint`,
    `- (b) log: ${formatInt(log.shape.events)} events over ${formatInt(log.shape.agreements)} agreements, ${formatFixed(log.fileBytes / 2 ** 20, 0)} MiB, generated in ` +
      `${formatFixed(log.seconds, 1)} s; the server listened ${formatFixed(status.readySeconds, 1)} s after start and its projections caught up ` +
      `${formatFixed(status.catchUpSeconds, 1)} s after start (${formatInt(log.shape.events / status.catchUpSeconds)} events/s)` +
      (status.caughtUpAtFirstAnswer ? '; its first /api/health answer already said caught up: it did not listen until the catch-up was done' : ''),
    `- (b) status requests spread over all ${formatInt(agreements)} agreements (disjoint shuffled slices per connection); ` +
      `status body ~${formatInt(median(status.status.map((r) => r.meanBytes)))} B, /api/me ~${formatInt(median(status.me.map((r) => r.meanBytes)))} B per response incl. headers` +
      (non2xx + errors > 0
        ? `; in total ${non2xx} non-2xx responses and ${errors} connection errors (${timeouts} of them autocannon's 10 s timeout)`
        : '; every response 2xx'),
    `- (b) with ${connections} connections in a closed loop, mean latency ≈ ${connections} / throughput (Little's law): ` +
      `${formatFixed((connections / s.rps) * 1000, 2)} ms for status, ${formatFixed((connections / m.rps) * 1000, 2)} ms for /api/me`,
    `- (b) runs, status req/s: ${runsOf(status.status.map((r) => r.requestsPerSecond))}, p99 ms: ${runsOf(status.status.map((r) => r.p99), 2)}; ` +
      `/api/me req/s: ${runsOf(status.me.map((r) => r.requestsPerSecond))}, p99 ms: ${runsOf(status.me.map((r) => r.p99), 2)}`,
  );
  return { rows, notes };
}

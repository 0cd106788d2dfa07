/**
 * Webhook benchmark, against baselines measured in the same invocation, on the whole server in
 * this process (SQLite store, state.sqlite outbox) and loopback receivers answering 204:
 *
 *   (a) latency: BENCH_LATENCY_COMMANDS commands one after another, each announced to one
 *       subscription; from the command's 201 to the receiver's arrival of its message (p50, p99),
 *       against a bare POST of the same body from send to arrival;
 *   (b) throughput: BENCH_SUBSCRIPTIONS subscriptions (spread over BENCH_RECEIVERS receivers), a
 *       backlog of BENCH_EVENTS events × subscriptions messages written with delivery stopped,
 *       then delivered; deliveries/s against as many bare POSTs with the same concurrency (one
 *       in flight per subscription).
 *
 *   npm run bench:webhooks
 *   BENCH_RUNS=1 BENCH_EVENTS=50 npm run bench:webhooks
 *
 * Settings (environment): BENCH_RUNS (3), BENCH_LATENCY_COMMANDS (200), BENCH_SUBSCRIPTIONS (32),
 * BENCH_RECEIVERS (4), BENCH_EVENTS (100). The table goes to stdout, progress to stderr; it
 * reports and does not assert.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { COMPARISON_COLUMNS, met, ratioCell, reportHeader, spread, startBenchRun } from './support/bench-run.js';
import { positiveIntFromEnv, runBench } from './support/env.js';
import { median } from './support/stats.js';
import { formatFixed, formatInt, renderTable } from './support/table.js';
import { barePost, BenchServer, percentile, startLoopbackReceiver, until, type LoopbackReceiver } from './support/webhook-load.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 3);
const LATENCY_COMMANDS = positiveIntFromEnv('BENCH_LATENCY_COMMANDS', 200);
const SUBSCRIPTIONS = positiveIntFromEnv('BENCH_SUBSCRIPTIONS', 32);
const RECEIVERS = positiveIntFromEnv('BENCH_RECEIVERS', 4);
const EVENTS = positiveIntFromEnv('BENCH_EVENTS', 100);
const TARGET_P99_MS = 250;
const TARGET_PER_SECOND = 500;

const bench = startBenchRun('bench:webhooks');

interface Latency {
  readonly p50: number;
  readonly p99: number;
}

async function latencyRound(run: number, receiver: LoopbackReceiver): Promise<{ ours: Latency; bare: Latency }> {
  const server = await BenchServer.start(join(bench.workDir, `latency-${run}`));
  try {
    const agreementId = `viive-${run}`;
    await server.draft(agreementId);
    await server.subscribe(receiver.url, agreementId);
    const arrived = new Map<string, number>();
    receiver.onArrival = (body, at) => arrived.set((JSON.parse(body) as { data: { eventId?: string } }).data.eventId ?? body, at);
    const ours: number[] = [];
    const bare: number[] = [];
    let sample = '';
    for (let i = 0; i < LATENCY_COMMANDS; i++) {
      const { eventId } = await server.noted(agreementId, `§ ${i}`);
      const answered = performance.now();
      await until(() => arrived.has(eventId));
      ours.push(arrived.get(eventId)! - answered);
      sample = JSON.stringify({ type: 'decision.recorded', timestamp: new Date().toISOString(), data: { eventId: `bare-${i}`, agreementId } });
      const sent = performance.now();
      await barePost(receiver.url, sample);
      bare.push(arrived.get(`bare-${i}`)! - sent);
    }
    return { ours: { p50: percentile(ours, 0.5), p99: percentile(ours, 0.99) }, bare: { p50: percentile(bare, 0.5), p99: percentile(bare, 0.99) } };
  } finally {
    receiver.onArrival = undefined;
    await server.close();
  }
}

async function throughputRound(run: number, receivers: readonly LoopbackReceiver[]): Promise<{ ours: number; bare: number }> {
  const server = await BenchServer.start(join(bench.workDir, `throughput-${run}`));
  try {
    const agreementId = `kuorma-${run}`;
    await server.draft(agreementId);
    const urls = Array.from({ length: SUBSCRIPTIONS }, (_, i) => `${receivers[i % receivers.length]!.url}/${i}`);
    for (const url of urls) await server.subscribe(url, agreementId);
    await server.worker.stop();
    for (let i = 0; i < EVENTS; i++) await server.noted(agreementId, `§ ${i}`);
    const total = EVENTS * SUBSCRIPTIONS;
    await until(() => server.messages() >= total);

    const count = () => receivers.reduce((sum, receiver) => sum + receiver.arrivals, 0);
    const before = count();
    const started = performance.now();
    server.worker.start();
    await until(() => count() - before >= total);
    const ours = total / ((performance.now() - started) / 1000);

    const body = JSON.stringify({ type: 'decision.recorded', timestamp: new Date().toISOString(), data: { agreementId, version: 1, position: '1' } });
    const bareStarted = performance.now();
    await Promise.all(urls.map(async (url) => {
      for (let i = 0; i < EVENTS; i++) await barePost(url, body);
    }));
    const bare = total / ((performance.now() - bareStarted) / 1000);
    return { ours, bare };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  const receivers = await Promise.all(Array.from({ length: RECEIVERS }, () => startLoopbackReceiver()));
  bench.onCleanUp(() => receivers.forEach((receiver) => void receiver.close()));
  const latencies: { ours: Latency; bare: Latency }[] = [];
  const throughputs: { ours: number; bare: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    bench.progress(`run ${run + 1}/${RUNS}: latency over ${LATENCY_COMMANDS} commands`);
    latencies.push(await latencyRound(run, receivers[0]!));
    bench.progress(`run ${run + 1}/${RUNS}: throughput, ${EVENTS} events × ${SUBSCRIPTIONS} subscriptions`);
    throughputs.push(await throughputRound(run, receivers));
  }
  const mid = (values: number[]) => median(values);
  const p50 = { ours: mid(latencies.map((l) => l.ours.p50)), bare: mid(latencies.map((l) => l.bare.p50)) };
  const p99 = { ours: mid(latencies.map((l) => l.ours.p99)), bare: mid(latencies.map((l) => l.bare.p99)) };
  const rate = { ours: mid(throughputs.map((t) => t.ours)), bare: mid(throughputs.map((t) => t.bare)) };
  const rows = [
    [
      '(a) latency p50: command 201 → receiver arrival',
      `${formatFixed(p50.ours, 2)} ms`,
      `${formatFixed(p50.bare, 2)} ms (bare POST)`,
      ratioCell(p50.ours / p50.bare),
      '—',
      '—',
      `${spread(latencies.map((l) => l.ours.p50))} / ${spread(latencies.map((l) => l.bare.p50))}`,
    ],
    [
      '(a) latency p99: command 201 → receiver arrival',
      `${formatFixed(p99.ours, 2)} ms`,
      `${formatFixed(p99.bare, 2)} ms (bare POST)`,
      ratioCell(p99.ours / p99.bare),
      `< ${TARGET_P99_MS} ms`,
      met(p99.ours < TARGET_P99_MS),
      `${spread(latencies.map((l) => l.ours.p99))} / ${spread(latencies.map((l) => l.bare.p99))}`,
    ],
    [
      `(b) deliveries/s: ${formatInt(EVENTS * SUBSCRIPTIONS)} messages to ${SUBSCRIPTIONS} subscriptions on ${RECEIVERS} receivers`,
      `${formatInt(rate.ours)} /s`,
      `${formatInt(rate.bare)} /s (bare POSTs)`,
      ratioCell(rate.ours / rate.bare),
      `≥ ${TARGET_PER_SECOND} /s`,
      met(rate.ours >= TARGET_PER_SECOND),
      `${spread(throughputs.map((t) => t.ours))} / ${spread(throughputs.map((t) => t.bare))}`,
    ],
  ];
  const lines = [
    '# Webhook benchmark (latency to the receiver, deliveries per second)',
    '',
    ...reportHeader(RUNS, loadAtStart),
    '',
    renderTable(COMPARISON_COLUMNS, rows),
    '',
    'notes:',
    '- ours: the whole server in this process (SQLite log; outbox in state.sqlite, written with synchronous=FULL, attempts recorded in',
    '  batches with synchronous=NORMAL); each delivery is signed (v1), checked by the SSRF guard and sent over a kept-alive connection',
    '  to the checked address; the bare POSTs use fetch with keep-alive',
    '- (a) one command at a time, each announced to one subscription; the bare POST is timed from send to arrival at the same receiver',
    '- (b) the backlog is written with delivery stopped, then timed from the start of delivery to the last arrival; one message in',
    '  flight per subscription (position order), as many bare POSTs in flight at once',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runBench('bench:webhooks', main, bench.cleanUp);

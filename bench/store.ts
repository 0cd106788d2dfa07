/**
 * Event store benchmark: the SQLite event store against raw better-sqlite3 on the same machine,
 * in the same invocation, and what validating an event costs in TypeBox (the contract's library)
 * against zod 4. Every figure is the median of BENCH_RUNS runs; ours and the baseline take turns
 * going first from run to run so neither always gets the warmer cache.
 *
 *   npm run bench:store
 *   BENCH_RUNS=3 BENCH_APPENDS=4000 BENCH_READ_EVENTS=200000 npm run bench:store
 *
 * Settings (environment): BENCH_RUNS (5), BENCH_APPENDS (20000), BENCH_STREAMS (10000),
 * BENCH_CALLERS (32), BENCH_READ_EVENTS (1000000), BENCH_READ_PAGE (1000: the page the projection
 * runner and catch-up subscriptions read, the headline), BENCH_READ_PAGE_LARGE (10000, a
 * diagnostic row), BENCH_SEALS (20000), BENCH_VALIDATION_EVENTS (20000 per measurement),
 * BENCH_ONLY (a comma-separated subset of appends, seal, read, validation).
 *
 * The tables go to stdout, progress to stderr. It reports; it does not assert: the exit code is 0
 * whether or not the targets are met (and 1 only if the benchmark itself fails).
 */
import { loadavg } from 'node:os';
import { COMPARISON_COLUMNS, met, ratioCell, reportHeader, runsOf, spread, startBenchRun } from './support/bench-run.js';
import { positiveIntFromEnv, runBench } from './support/env.js';
import { agreementAmended } from './support/fixtures.js';
import { benchAppends, type AppendResults } from './support/store-appends.js';
import { benchReadAll, GEN_APPENDS_PER_COMMIT, GEN_EVENTS_PER_APPEND, type ReadAllResults } from './support/store-read-all.js';
import { benchSeal, type SealResults } from './support/store-seal.js';
import { median, secondsSince } from './support/stats.js';
import { formatFixed, formatInt, renderTable } from './support/table.js';
import { measureValidationCost, type ValidationRow } from './support/validation-cost.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 5);
const APPENDS = { runs: RUNS, appends: positiveIntFromEnv('BENCH_APPENDS', 20_000), streams: positiveIntFromEnv('BENCH_STREAMS', 10_000), callers: positiveIntFromEnv('BENCH_CALLERS', 32) };
const READ = { runs: RUNS, events: positiveIntFromEnv('BENCH_READ_EVENTS', 1_000_000), pageSizes: [positiveIntFromEnv('BENCH_READ_PAGE', 1_000), positiveIntFromEnv('BENCH_READ_PAGE_LARGE', 10_000)] };
const SEALS = positiveIntFromEnv('BENCH_SEALS', 20_000);
const VALIDATION_EVENTS = positiveIntFromEnv('BENCH_VALIDATION_EVENTS', 20_000);
const SCENARIOS = ['appends', 'seal', 'read', 'validation'] as const;
const ONLY = (process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean) ?? [...SCENARIOS]) as string[];
for (const name of ONLY) if (!(SCENARIOS as readonly string[]).includes(name)) throw new RangeError(`BENCH_ONLY takes ${SCENARIOS.join(', ')}; got ${name}`);

const TARGET_SINGLE = 0.75;
const TARGET_CONCURRENT = 2;
const TARGET_READ = 0.8;

const bench = startBenchRun('bench:store');

function appendRows(appends: AppendResults): string[][] {
  const raw = median(appends.raw);
  const single = median(appends.single);
  const concurrent = median(appends.concurrent);
  // Ours and raw ran in alternating blocks within each run: their ratio is taken run by run.
  const singleRatio = median(appends.single.map((ours, run) => ours / appends.raw[run]!));
  return [
    [
      `1. 1 caller, 1 event/append, exact revision (${formatInt(APPENDS.appends)} appends, ${formatInt(APPENDS.streams)} streams)`,
      `${formatInt(single)} appends/s`,
      `${formatInt(raw)} tx/s (raw, 1 row/tx, same blocks)`,
      ratioCell(singleRatio),
      `≥ 0.75× (75 %)`,
      met(singleRatio >= TARGET_SINGLE),
      `${spread(appends.single)} / ${spread(appends.raw)}`,
    ],
    [
      `2. ${APPENDS.callers} concurrent callers, own streams (group commit, mean batch ${formatFixed(median(appends.concurrentBatch), 1)})`,
      `${formatInt(concurrent)} appends/s`,
      `${formatInt(raw)} tx/s (raw, 1 row/tx)`,
      ratioCell(concurrent / raw),
      `≥ 2.00× (200 %)`,
      met(concurrent / raw >= TARGET_CONCURRENT),
      `${spread(appends.concurrent)} / ${spread(appends.raw)}`,
    ],
  ];
}

function readRows(read: ReadAllResults): string[][] {
  const raw = median(read.raw);
  return READ.pageSizes.map((size, i) => {
    const ours = median(read.ours[i]!);
    const headline = i === 0;
    return [
      headline
        ? `3. readAll ${formatInt(READ.events)} events, pages of ${formatInt(size)} (the runner's page), JSON.parse data+metadata`
        : `3b. (diagnostic) the same with pages of ${formatInt(size)}`,
      `${formatInt(ours)} events/s`,
      `${formatInt(raw)} events/s (raw iterate)`,
      ratioCell(ours / raw),
      headline ? '≥ 0.80× (80 %)' : '(≥ 0.80× (80 %))',
      met(ours / raw >= TARGET_READ),
      `${spread(read.ours[i]!)} / ${spread(read.raw)}`,
    ];
  });
}

function sealRow(seal: SealResults, appends: AppendResults | undefined): string[] {
  const micros = median(seal.sealMicros);
  const latency = appends ? 1e6 / median(appends.single) : undefined;
  return [
    '4. hash chain: sealEvent per appended event',
    `${formatFixed(micros, 2)} µs/event`,
    latency === undefined ? '—' : `${formatFixed(latency, 1)} µs (scenario 1 append latency)`,
    latency === undefined ? '—' : `${formatFixed((micros / latency) * 100, 1)} % of latency`,
    '—',
    '—',
    spread(seal.sealMicros),
  ];
}

function validationTable(rows: readonly ValidationRow[]): string {
  const cell = (typebox: number, zod: number): string[] => [formatFixed(typebox, 2), formatFixed(zod, 2), `${formatFixed(zod / typebox, 2)}×`];
  return renderTable(
    [
      { header: 'event type (samples, mean data)' },
      ...['data: TypeBox Check', 'zod safeParse', 'zod / TB', 'encode side (checkAppend): TypeBox', 'zod', 'zod / TB', 'decode incl. metadata: TypeBox', 'zod', 'zod / TB'].map(
        (header) => ({ header, align: 'right' as const }),
      ),
    ],
    rows.map((r) => [
      `${r.type} (${r.samples}, ${formatInt(r.meanDataBytes)} B)`,
      ...cell(r.typebox.data, r.zod.data),
      ...cell(r.typebox.encode, r.zod.encode),
      ...cell(r.typebox.decode, r.zod.decode),
    ]),
  );
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const loadAtStart = loadavg()[0]!;
  bench.progress(`temp dir ${bench.workDir}; scenarios ${ONLY.join(', ')}`);
  const appends = ONLY.includes('appends') ? await benchAppends(APPENDS, bench.workDir, bench.progress) : undefined;
  const seal = ONLY.includes('seal') ? benchSeal(RUNS, SEALS, bench.progress) : undefined;
  const read = ONLY.includes('read') ? await benchReadAll(READ, bench.workDir, bench.progress) : undefined;
  const validation = ONLY.includes('validation')
    ? measureValidationCost({ runs: RUNS, eventsPerMeasure: VALIDATION_EVENTS, onRun: (run) => bench.progress(`validation run ${run + 1}/${RUNS}`) })
    : undefined;

  const rows = [...(appends ? appendRows(appends) : []), ...(read ? readRows(read) : []), ...(seal ? [sealRow(seal, appends)] : [])];
  const dataBytes = Buffer.byteLength(JSON.stringify(agreementAmended(0).data), 'utf8');
  const notes = [
    ...(appends
      ? [
          `- 1 caller: ours and raw append in alternating blocks of 50 within each run (the disk's fsync time swings from second to second); ` +
            `the ratio is the median of the runs' own ratios: ${runsOf(appends.single.map((ours, run) => ours / appends.raw[run]!), 2)}`,
          `- per-append latency, 1 caller: ours ${formatFixed(1e6 / median(appends.single), 1)} µs vs raw ${formatFixed(1e6 / median(appends.raw), 1)} µs`,
          `- mean group-commit batch: 1 caller ${formatFixed(median(appends.singleBatch), 2)}, ${APPENDS.callers} callers ${formatFixed(median(appends.concurrentBatch), 2)} appends per commit`,
          `- runs, raw appends/s: ${runsOf(appends.raw)}; ours 1 caller: ${runsOf(appends.single)}; ours ${APPENDS.callers} callers: ${runsOf(appends.concurrent)}`,
        ]
      : []),
    ...(seal
      ? [
          `- sealEvent parts: canonical JSON ${formatFixed(median(seal.canonicalMicros), 2)} µs, sha256 hex ${formatFixed(median(seal.sha256Micros), 2)} µs ` +
            `(plain JSON.stringify of the same object ${formatFixed(median(seal.stringifyMicros), 2)} µs); runs, µs: ${runsOf(seal.sealMicros, 2)}`,
        ]
      : []),
    ...(read
      ? [
          `- read log: ${formatInt(READ.events)} events, ${formatFixed(read.fileBytes / 2 ** 20, 0)} MiB file, generated through the store's API ` +
            `(${GEN_EVENTS_PER_APPEND} events/append, ${GEN_APPENDS_PER_COMMIT} appends/commit) in ${formatFixed(read.generationSeconds, 1)} s`,
          ...READ.pageSizes.map((size, i) => `- runs, ours readAll (pages of ${formatInt(size)}) events/s: ${runsOf(read.ours[i]!)}`),
          `- runs, raw readAll events/s: ${runsOf(read.raw)}`,
        ]
      : []),
  ];
  const lines = [
    '# Event store benchmark (SQLite store vs raw better-sqlite3)',
    '',
    ...reportHeader(RUNS, loadAtStart),
    `event: AgreementAmended, data ${formatInt(dataBytes)} B JSON; both sides WAL + synchronous=FULL`,
    '',
    ...(rows.length > 0 ? [renderTable(COMPARISON_COLUMNS, rows), ''] : []),
    ...(validation
      ? [
          '## Validation cost per event, µs (median), TypeBox compiled Check (the contract) vs the same schemas in zod 4 (z.object().strict(), safeParse)',
          '',
          validationTable(validation),
          '',
          '- data: the event data schema alone; encode side: what every store runs before an append (writer metadata without the store keys, then data);',
          '  decode: decodeAgreementEvent on an event as a store hands it back (stored metadata, data, the typed event), zod doing the same work;',
          '  both libraries accepted every sample and refused the same broken copies before timing',
          '',
        ]
      : []),
    ...(notes.length > 0 ? ['notes:', ...notes] : []),
    `- total time ${formatFixed(secondsSince(started), 0)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runBench('bench:store', main, bench.cleanUp);

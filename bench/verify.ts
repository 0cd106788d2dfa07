/**
 * Auditor benchmark, against a baseline measured in the same invocation:
 *
 *   (a) verify: `ledger verify`'s work on an export of realistic agreement histories — read and
 *       parse each line, recompute every hash from its content, check every chain and the order
 *       of positions, build the ledger tree and set it beside a signed checkpoint — against the
 *       bare cost of canonicalisation (RFC 8785) + SHA-256 of the same events on one core, the
 *       events already in memory. Target: ≥ 0.8× the baseline's events per second.
 *   (b) replay: `ledger replay`'s work on the same export — decode every event, fold it with the
 *       server's projections, then answer status and versions for every agreement. Target:
 *       ≥ 100,000 events/s.
 *   Beside them, reading and parsing the file alone: the floor under both.
 *
 *   npm run bench:verify
 *   VERIFY_EVENTS=100000 BENCH_RUNS=1 npm run bench:verify
 *
 * Verify runs twice: on one thread (the command's default) and with hashing threads
 * (VERIFY_THREADS, default the cores up to four).
 *
 * Settings (environment): BENCH_RUNS (3), VERIFY_EVENTS (1000000), BENCH_AGREEMENTS (VERIFY_EVENTS
 * / 50), VERIFY_BASELINE_SAMPLE (the first min(VERIFY_EVENTS, 100000) events, held in memory for the
 * baseline, which is reported per event). The table goes to stdout, progress to stderr; it
 * reports, it does not assert.
 */
import { hash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { availableHashThreads } from '../src/audit/checked-lines.js';
import { readExport } from '../src/audit/export-file.js';
import { checkpointInput } from '../src/audit/checkpoint-input.js';
import { replayExport } from '../src/audit/replay-export.js';
import { verifyExport } from '../src/audit/verify-export.js';
import { canonicalJson } from '../src/core/canonical-json.js';
import type { StoredEvent } from '../src/core/stored-event.js';
import { COMPARISON_COLUMNS, met, ratioCell, reportHeader, rotate, spread, startBenchRun } from './support/bench-run.js';
import { positiveIntFromEnv, runBench } from './support/env.js';
import { median, timeAsync } from './support/stats.js';
import { formatFixed, formatInt, renderTable } from './support/table.js';
import { writeExport } from './support/verify-export-file.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 3);
const EVENTS = positiveIntFromEnv('VERIFY_EVENTS', 1_000_000);
const AGREEMENTS = positiveIntFromEnv('BENCH_AGREEMENTS', Math.max(1, Math.round(EVENTS / 50)));
const SAMPLE = Math.min(EVENTS, positiveIntFromEnv('VERIFY_BASELINE_SAMPLE', 100_000));
const THREADS = positiveIntFromEnv('VERIFY_THREADS', availableHashThreads());
const VERIFY_TARGET = 0.8;
const REPLAY_TARGET = 100_000;

const run = startBenchRun('bench:verify');

/** The baseline: what hashing alone costs — the hashed fields of hash format 2, canonicalised, SHA-256. */
function canonicalHashes(events: readonly StoredEvent[]): void {
  for (const { eventId, streamId, revision, type, data, metadata } of events) {
    const { hash: _hash, ...unsealed } = metadata;
    // SHA-256 the cheapest way Node offers (one-shot), as the verifier makes it.
    hash('sha256', canonicalJson({ prevHash: unsealed.prevHash, eventId, streamId, revision, type, data, metadata: unsealed }), 'hex');
  }
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  const file = join(run.workDir, 'export.ndjson');
  run.progress(`writing an export of ${formatInt(EVENTS)} events in ${formatInt(AGREEMENTS)} agreements`);
  const exported = await writeExport(file, { agreements: AGREEMENTS, events: EVENTS, active: Math.max(1, Math.round(AGREEMENTS / 5)) });
  run.progress(`export: ${formatFixed(exported.bytes / 2 ** 20, 0)} MiB; holding the first ${formatInt(SAMPLE)} events in memory for the baseline`);
  const sample: StoredEvent[] = [];
  for await (const batch of readExport(file)) {
    for (const line of batch) if ('event' in line && sample.length < SAMPLE) sample.push(line.event);
    if (sample.length === SAMPLE) break;
  }
  const checkpoint = checkpointInput(exported.checkpoint, exported.verifierKey);

  const seconds = { verify: [] as number[], verifyOne: [] as number[], replay: [] as number[], baseline: [] as number[], read: [] as number[] };
  const verifyWith = async (threads: number, into: number[]): Promise<void> => {
    let valid = false;
    into.push(await timeAsync(async () => {
      const verification = await verifyExport(file, [checkpoint], { threads });
      valid = verification.valid && verification.checkpoint?.verified === true && verification.events === EVENTS;
    }));
    if (!valid) throw new Error('the generated export did not verify');
  };
  for (let r = 0; r < RUNS; r++) {
    await rotate(r, [
      () => verifyWith(THREADS, seconds.verify),
      () => verifyWith(1, seconds.verifyOne),
      async () => {
        let agreements = 0;
        seconds.replay.push(await timeAsync(async () => {
          const replay = await replayExport(file, { asOf: '2025-06-30' });
          agreements = 'agreements' in replay ? replay.agreements.length : -1;
        }));
        if (agreements !== AGREEMENTS) throw new Error(`replay answered for ${agreements} agreements, not ${AGREEMENTS}`);
      },
      async () => {
        seconds.baseline.push(await timeAsync(() => canonicalHashes(sample)));
      },
      async () => {
        seconds.read.push(await timeAsync(async () => {
          for await (const batch of readExport(file)) void batch;
        }));
      },
    ]);
    run.progress(`run ${r + 1}/${RUNS}: verify ${formatFixed(seconds.verify[r]!, 1)} s (${THREADS} threads), ${formatFixed(seconds.verifyOne[r]!, 1)} s (1), replay ${formatFixed(seconds.replay[r]!, 1)} s, ` +
      `baseline ${formatFixed(seconds.baseline[r]!, 2)} s for ${formatInt(SAMPLE)}, read ${formatFixed(seconds.read[r]!, 1)} s`);
  }

  const rate = (count: number, values: readonly number[]): number => count / median(values);
  const verifyRate = rate(EVENTS, seconds.verify);
  const verifyOneRate = rate(EVENTS, seconds.verifyOne);
  const baselineRate = rate(SAMPLE, seconds.baseline);
  const replayRate = rate(EVENTS, seconds.replay);
  const readRate = rate(EVENTS, seconds.read);
  const perSecond = (value: number): string => `${formatInt(value)} events/s`;
  const rows = [
    [`verify (${THREADS} hashing threads): hashes, chains, order, ledger tree, checkpoint`, perSecond(verifyRate), perSecond(baselineRate), ratioCell(verifyRate / baselineRate),
      `≥ ${formatFixed(VERIFY_TARGET, 2)}× baseline`, met(verifyRate / baselineRate >= VERIFY_TARGET), `${spread(seconds.verify)} / ${spread(seconds.baseline)}`],
    ['verify on one thread', perSecond(verifyOneRate), perSecond(baselineRate), ratioCell(verifyOneRate / baselineRate),
      `≥ ${formatFixed(VERIFY_TARGET, 2)}× baseline`, met(verifyOneRate / baselineRate >= VERIFY_TARGET), `${spread(seconds.verifyOne)} / ${spread(seconds.baseline)}`],
    ['replay: decode, projections, status and versions', perSecond(replayRate), perSecond(baselineRate), ratioCell(replayRate / baselineRate),
      `≥ ${formatInt(REPLAY_TARGET)} events/s`, met(replayRate >= REPLAY_TARGET), `${spread(seconds.replay)} / ${spread(seconds.baseline)}`],
    ['read + JSON.parse alone (the floor under both)', perSecond(readRate), perSecond(baselineRate), ratioCell(readRate / baselineRate), '—', '—', `${spread(seconds.read)} / ${spread(seconds.baseline)}`],
  ];
  process.stdout.write(
    [
      `# bench:verify — ${formatInt(EVENTS)} events in ${formatInt(AGREEMENTS)} agreements, ${formatFixed(exported.bytes / 2 ** 20, 0)} MiB of NDJSON`,
      '',
      ...reportHeader(RUNS, loadAtStart),
      `baseline: canonicalisation (RFC 8785) + SHA-256 of the hashed fields of the first ${formatInt(SAMPLE)} of the same events, held in memory, on one core`,
      '',
      renderTable(COMPARISON_COLUMNS, rows),
      '',
    ].join('\n'),
  );
}

await runBench('bench:verify', main, () => run.cleanUp());

/**
 * Verification benchmark (issue 11): proofs on a 1,000,000-leaf ledger tree, each figure the
 * median of BENCH_RUNS runs beside the bare SHA-256 cost of one proof's depth measured in the same
 * run (they take turns going first). Target: every proof made or checked in under 1 ms.
 *
 *   npm run bench:verify
 *   BENCH_PROOF_LEAVES=100000 BENCH_RUNS=3 npm run bench:verify
 *
 * Settings (environment): BENCH_RUNS (5), BENCH_PROOF_LEAVES (1000000), BENCH_PROOF_SAMPLES (1000
 * proofs per run), BENCH_PROOF_SQLITE (1: also on ledger-tree.sqlite as the server keeps it; 0 skips).
 *
 * The table goes to stdout, progress to stderr. It reports; it does not assert.
 */
import { loadavg } from 'node:os';
import { met, ratioCell, reportHeader, runsOf, spread, startBenchRun } from './support/bench-run.js';
import { positiveIntFromEnv, runBench } from './support/env.js';
import { formatFixed, formatInt, renderTable } from './support/table.js';
import { benchProofs, medianMicros } from './support/verify-proofs.js';

const RUNS = positiveIntFromEnv('BENCH_RUNS', 5);
const LEAVES = positiveIntFromEnv('BENCH_PROOF_LEAVES', 1_000_000);
const SAMPLES = positiveIntFromEnv('BENCH_PROOF_SAMPLES', 1000);
const SQLITE = process.env.BENCH_PROOF_SQLITE !== '0';
const TARGET_MICROS = 1000;

const run = startBenchRun('bench:verify (proofs)');

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  const results = benchProofs({ leaves: LEAVES, samples: SAMPLES, runs: RUNS, progress: run.progress, ...(SQLITE && { sqliteDir: run.workDir }) });
  const lines = [
    `# Proofs on a ledger tree of ${formatInt(results.leaves)} leaves (depth ${results.depth})`,
    '',
    ...reportHeader(RUNS, loadAtStart),
    `built in ${formatFixed(results.buildSeconds.memory, 1)} s in memory` +
      (results.buildSeconds.sqlite !== undefined ? `, ${formatFixed(results.buildSeconds.sqlite, 1)} s in ledger-tree.sqlite` : '') +
      `; ${formatInt(SAMPLES)} proofs per run (random leaf and sizes, the same in every run)`,
    `baseline: ${results.depth} bare SHA-256 node hashes (one per level of the tree), what checking a proof must at least compute`,
    '',
    renderTable(
      [{ header: 'operation' }, { header: 'tree' }, { header: 'µs per proof', align: 'right' }, { header: 'spread', align: 'right' }, { header: 'runs (µs)' }, { header: 'baseline µs', align: 'right' }, { header: 'ours / baseline', align: 'right' }, { header: '< 1 ms' }],
      results.rows.map((row) => {
        const ours = medianMicros(row.runs);
        const base = medianMicros(row.baseline);
        return [row.operation, row.storage, formatFixed(ours, 1), spread(row.runs), runsOf(row.runs, 1), formatFixed(base, 1), ratioCell(ours / base), met(ours < TARGET_MICROS)];
      }),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runBench('bench:verify (proofs)', main, run.cleanUp);

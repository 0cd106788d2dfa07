/** What every bench script shares: its temp dir, progress on stderr, turn-taking, the report's header and cells. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sqliteVersion } from './env.js';
import { relativeSpread } from './stats.js';
import { formatFixed, formatInt, formatPercent } from './table.js';

export interface BenchRun {
  /** A fresh temp dir, removed at exit, on SIGINT/SIGTERM and by `cleanUp`. */
  readonly workDir: string;
  progress(message: string): void;
  /** Also called on cleanup, before the temp dir goes (e.g. to kill a child process). */
  onCleanUp(fn: () => void): void;
  cleanUp(): void;
}

export function startBenchRun(name: string): BenchRun {
  const workDir = mkdtempSync(join(tmpdir(), `agreement-ledger-${name.replace(/\W+/g, '-')}-`));
  const hooks: Array<() => void> = [];
  let cleanedUp = false;
  const cleanUp = (): void => {
    if (cleanedUp) return;
    cleanedUp = true;
    for (const hook of hooks) hook();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
  return {
    workDir,
    progress: (message) => process.stderr.write(`[${name}] ${message}\n`),
    onCleanUp: (fn) => hooks.push(fn),
    cleanUp,
  };
}

/** Runs the steps of one round, starting at a different one each round so none always goes first. */
export async function rotate(run: number, steps: ReadonlyArray<() => Promise<void> | void>): Promise<void> {
  for (let i = 0; i < steps.length; i++) await steps[(i + run) % steps.length]!();
}

/** An SQLite database with its WAL and journal files. */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** The size of an SQLite database and its WAL. */
export function databaseBytes(file: string): number {
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

/** The lines under a report's title: machine, runs, load average (and a warning when it was high). */
export function reportHeader(runs: number, loadAtStart: number): string[] {
  const cpuList = cpus();
  const loadAtEnd = loadavg()[0]!;
  return [
    `machine: ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${formatFixed(totalmem() / 2 ** 30, 1)} GiB RAM, ` +
      `${process.platform}/${process.arch}, node ${process.version}, better-sqlite3 SQLite ${sqliteVersion()}`,
    `runs: ${runs} per figure (median shown; ours and baseline take turns going first), temp dir under ${tmpdir()}`,
    `load average (1 min): ${formatFixed(loadAtStart, 2)} at start, ${formatFixed(loadAtEnd, 2)} at end` +
      (Math.max(loadAtStart, loadAtEnd) > cpuList.length * 0.75 ? ' — the machine was busy: treat the figures with caution' : ''),
  ];
}

/** The spread of the runs around their median, as ±half the range. */
export function spread(values: readonly number[]): string {
  return values.length < 2 ? '—' : `±${formatPercent(relativeSpread(values) / 2)}`;
}

export function ratioCell(ratio: number): string {
  return `${formatFixed(ratio, 2)}× (${formatPercent(ratio)})`;
}

export function runsOf(values: readonly number[], digits = 0): string {
  return values.map((v) => (digits === 0 ? formatInt(v) : formatFixed(v, digits))).join(', ');
}

export const met = (ok: boolean): string => (ok ? 'yes' : 'NO');

/** The columns of every ours-against-baseline table. */
export const COMPARISON_COLUMNS = [
  { header: 'scenario' },
  { header: 'ours (median)', align: 'right' },
  { header: 'baseline (median)', align: 'right' },
  { header: 'ratio', align: 'right' },
  { header: 'target' },
  { header: 'met?' },
  { header: 'spread ours / base' },
] as const;

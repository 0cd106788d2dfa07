import Database from 'better-sqlite3';

/** Reads a positive integer setting from the environment, e.g. BENCH_RUNS=3. */
export function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const normalised = raw.trim().replace(/_/g, '');
  if (!/^[1-9][0-9]*$/.test(normalised)) throw new RangeError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  const value = Number(normalised);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} is too large: ${raw}`);
  return value;
}

/** The SQLite library better-sqlite3 was built with, for the table header. */
export function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

/** Runs a bench's main, reports a failure on stderr with exit code 1, and always cleans up. */
export async function runBench(name: string, main: () => Promise<void>, cleanUp: () => void): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`[${name}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    cleanUp();
  }
}

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

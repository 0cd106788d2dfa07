/**
 * CPU time a child process spent (user + system), read from /proc: on a machine shared with other
 * work, a server's CPU time per request moves far less than its requests per second, which count
 * every moment the scheduler gave the CPU to someone else.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second as the kernel counts them in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds `pid` has used so far, or undefined where /proc cannot tell (not Linux, process gone). */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The fields after the command name, which is in parentheses and may hold spaces; utime and stime are 14th and 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs `load` and returns its result with the CPU µs `pid` spent per request meanwhile. */
export async function withCpuPerRequest<T extends { readonly requests: number }>(pid: number | undefined, load: () => Promise<T>): Promise<T & { cpuMicrosPerRequest?: number }> {
  const before = cpuSeconds(pid);
  const result = await load();
  const after = cpuSeconds(pid);
  if (before === undefined || after === undefined || result.requests === 0) return result;
  return { ...result, cpuMicrosPerRequest: ((after - before) * 1e6) / result.requests };
}

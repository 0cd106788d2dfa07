/**
 * Open-loop load: requests leave at a fixed rate whether or not earlier ones were answered, and
 * each latency counts from the moment its request was due — so a server that stalls is charged for
 * every request that waited, which a closed loop (a client that waits for each answer) hides.
 */
import { Agent, request } from 'node:http';

export interface OpenLoopResult {
  readonly rate: number;
  readonly sent: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Sends GET `paths` round-robin at `rate` per second for `seconds` to `origin`; latencies in ms. */
export async function openLoop(origin: string, token: string, paths: readonly string[], rate: number, seconds: number): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inFlight: Array<Promise<void>> = [];
  const sendOne = (i: number, due: number): Promise<void> =>
    new Promise((resolve) => {
      const req = request(`${origin}${paths[i % paths.length]}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          if (res.statusCode! < 200 || res.statusCode! > 299) non2xx++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      // Every request due by now leaves now; its latency still counts from when it was due.
      while (next < total && start + (next * 1000) / rate <= now) {
        inFlight.push(sendOne(next, start + (next * 1000) / rate));
        next++;
      }
      if (next >= total) resolve();
      else setImmediate(tick);
    };
    tick();
  });
  await Promise.all(inFlight);
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { rate, sent: total, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN, non2xx, errors };
}

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readLines } from './export-file.js';
import { checkLine, type LineCheck } from './line-check.js';

/** A line's check with its 1-based line number. */
export type NumberedCheck = LineCheck & { readonly line: number };

const BATCH = 256;

/** The cores, up to four (beyond that the reading thread is the limit): what a machine could give the hashing. */
export function availableHashThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Every line of an export, parsed and its hash recomputed, in file order, a batch at a time. On one thread by
 * default: on a busy two-core machine bench:verify measured worker threads slower. With more than one
 * thread, batches of lines are hashed on worker threads while this one reads on; at most two
 * batches per thread are in flight, so memory stays bounded however long the file.
 */
export async function* checkedLines(file: string, threads = 1): AsyncGenerator<NumberedCheck[]> {
  if (threads <= 1) {
    for await (const batch of readLines(file)) yield batch.map(({ text, line }) => ({ ...checkLine(text), line }));
    return;
  }
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./hash-worker.js', import.meta.url)));
  const waiting = new Map<number, (checks: LineCheck[]) => void>();
  for (const worker of workers) worker.on('message', ({ batch, checks }: { batch: number; checks: LineCheck[] }) => waiting.get(batch)!(checks));
  const failed = new Promise<never>((_, reject) => workers.forEach((worker) => worker.once('error', reject)));
  const inFlight: { numbers: number[]; checks: Promise<LineCheck[]> }[] = [];
  let sent = 0;
  const send = (lines: string[], numbers: number[]): void => {
    const batch = sent++;
    const checks = new Promise<LineCheck[]>((resolve) => waiting.set(batch, resolve));
    workers[batch % workers.length]!.postMessage({ batch, lines });
    const settled = Promise.race([checks, failed]).finally(() => waiting.delete(batch));
    // A failed thread fails every batch in flight; the first awaited reports it, the others stay quiet.
    settled.catch(() => {});
    inFlight.push({ numbers, checks: settled });
  };
  try {
    let lines: string[] = [];
    let numbers: number[] = [];
    for await (const batch of readLines(file)) {
      for (const { text, line } of batch) {
        lines.push(text);
        numbers.push(line);
        if (lines.length < BATCH) continue;
        send(lines, numbers);
        lines = [];
        numbers = [];
        if (inFlight.length >= 2 * threads) yield await numbered(inFlight.shift()!);
      }
    }
    if (lines.length > 0) send(lines, numbers);
    while (inFlight.length > 0) yield await numbered(inFlight.shift()!);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function numbered({ numbers, checks }: { numbers: number[]; checks: Promise<LineCheck[]> }): Promise<NumberedCheck[]> {
  return (await checks).map((check, i) => ({ ...check, line: numbers[i]! }));
}

import { parentPort } from 'node:worker_threads';
import { checkLine } from './line-check.js';

/** A verifying thread: parses a batch of export lines and recomputes their hashes, in order. */
parentPort!.on('message', ({ batch, lines }: { batch: number; lines: string[] }) => {
  parentPort!.postMessage({ batch, checks: lines.map(checkLine) });
});

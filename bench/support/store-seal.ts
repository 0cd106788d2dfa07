/**
 * bench:store scenario 4: the hash chain's cost, sealEvent on the ~1 KB event as the store calls
 * it for each appended event, and its parts (canonical JSON, SHA-256) beside plain JSON.stringify.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH, sealEvent } from '../../src/core/hash-chain.js';
import type { JsonObject } from '../../src/event-store/event-store.port.js';
import { agreementAmended, streamName } from './fixtures.js';
import { secondsSince } from './stats.js';
import { formatFixed } from './table.js';

export interface SealResults {
  readonly sealMicros: number[];
  readonly canonicalMicros: number[];
  readonly sha256Micros: number[];
  readonly stringifyMicros: number[];
}

/** µs per call of `fn`, over `n` calls. */
function microsPer(n: number, fn: (i: number) => number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += fn(i);
  const seconds = secondsSince(start);
  if (sink < 0) throw new Error('unreachable');
  return (seconds * 1e6) / n;
}

export function benchSeal(runs: number, seals: number, progress: (message: string) => void): SealResults {
  const sample = agreementAmended(0);
  const streamId = streamName(0);
  const recordedAt = new Date().toISOString();
  let prevHash = GENESIS_HASH;
  const sealOnce = (revision: number): number => {
    const link = { eventId: '0190d6a2-0000-7000-8000-000000000000', streamId, revision, type: sample.type, data: sample.data, metadata: { ...sample.metadata, recordedAt } };
    prevHash = sealEvent(prevHash, link).hash as string;
    return prevHash.length;
  };
  const hashed: JsonObject = {
    prevHash: GENESIS_HASH,
    streamId,
    revision: 1,
    type: sample.type,
    data: sample.data,
    metadata: { ...sample.metadata, recordedAt, prevHash: GENESIS_HASH },
  };
  const canonical = canonicalJson(hashed);
  const parts = {
    canonical: () => canonicalJson(hashed).length,
    sha256: () => createHash('sha256').update(canonical, 'utf8').digest('hex').length,
    stringify: () => JSON.stringify(hashed).length,
  };
  const warmUp = Math.min(seals, 2000);
  microsPer(warmUp, sealOnce);
  for (const part of Object.values(parts)) microsPer(warmUp, part);
  const results: SealResults = { sealMicros: [], canonicalMicros: [], sha256Micros: [], stringifyMicros: [] };
  for (let run = 0; run < runs; run++) {
    results.sealMicros.push(microsPer(seals, sealOnce));
    results.canonicalMicros.push(microsPer(seals, parts.canonical));
    results.sha256Micros.push(microsPer(seals, parts.sha256));
    results.stringifyMicros.push(microsPer(seals, parts.stringify));
    progress(`sealEvent run ${run + 1}/${runs}: ${formatFixed(results.sealMicros.at(-1)!, 2)} µs per event`);
  }
  return results;
}

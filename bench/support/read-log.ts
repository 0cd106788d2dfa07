/**
 * The read benchmarks' log: realistic agreement histories (read-fixtures.ts), a sample of them
 * first re-decided by `decide` to prove them valid, then written through the store's own append,
 * many events per append and many appends per group commit.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { databaseBytes } from './bench-run.js';
import { checkAgainstDecider, planLog, type LogShape } from './read-fixtures.js';
import { secondsSince } from './stats.js';
import { formatInt, formatPercent } from './table.js';

/** Appends queued together share one group commit. */
export const GEN_APPENDS_PER_COMMIT = 250;

export interface GeneratedLog {
  readonly file: string;
  readonly shape: LogShape;
  readonly appends: number;
  readonly byType: Record<string, number>;
  readonly meanDataBytes: number;
  readonly seconds: number;
  readonly fileBytes: number;
  readonly deciderChecked: number;
}

export async function generateLog(file: string, shape: LogShape, label: string, deciderSample: number, progress: (message: string) => void): Promise<GeneratedLog> {
  // Proof the histories are ones the decider writes: a sample is regenerated and re-decided.
  const sample = Math.min(deciderSample, shape.agreements);
  const indices = Array.from({ length: sample }, (_, i) => Math.floor((i * shape.agreements) / sample));
  const deciderChecked = checkAgainstDecider(shape, indices);
  progress(`${label}: ${formatInt(sample)} sample agreements re-decided by decide(): identical events (${deciderChecked} streams)`);

  mkdirSync(dirname(file), { recursive: true });
  const store = new SqliteEventStore({ file });
  const stats = { byType: {} as Record<string, number>, dataBytes: 0, appends: 0 };
  const start = process.hrtime.bigint();
  let written = 0;
  let nextReport = shape.events / 10;
  let round: Array<Promise<unknown>> = [];
  for (const append of planLog(shape, stats)) {
    round.push(store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision }));
    written += append.events.length;
    if (round.length >= GEN_APPENDS_PER_COMMIT) {
      await Promise.all(round);
      round = [];
    }
    if (written >= nextReport) {
      progress(`${label}: ${formatInt(written)}/${formatInt(shape.events)} events`);
      nextReport += shape.events / 10;
    }
  }
  await Promise.all(round);
  const seconds = secondsSince(start);
  const head = await store.headPosition();
  await store.close();
  if (head !== String(shape.events)) throw new Error(`${label}: expected ${shape.events} events, head is ${head}`);
  return {
    file,
    shape,
    appends: stats.appends,
    byType: stats.byType,
    meanDataBytes: stats.dataBytes / shape.events,
    seconds,
    fileBytes: databaseBytes(file),
    deciderChecked,
  };
}

/** "DecisionRecorded 75.1 %, AgreementSigned 18.5 %, …" */
export function describeMix(byType: Record<string, number>, events: number): string {
  return Object.entries(byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${type} ${formatPercent(n / events, 1)}`)
    .join(', ');
}

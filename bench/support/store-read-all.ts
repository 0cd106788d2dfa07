/**
 * bench:store scenario 3: the whole log through `readAll`, page by page, touching each event's
 * data and metadata, against raw better-sqlite3 iterating the same table of the same file and
 * JSON.parse-ing both columns. The log (~1 KB events) is written through the store's own append.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { JsonObject } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { removeDatabase, rotate } from './bench-run.js';
import { agreementAmended, streamName } from './fixtures.js';
import { secondsSince, timeAsync } from './stats.js';
import { formatFixed, formatInt } from './table.js';

export interface ReadAllSettings {
  readonly runs: number;
  readonly events: number;
  /** Page sizes to read with; the first is the headline. */
  readonly pageSizes: readonly number[];
}

export interface ReadAllResults {
  /** events/s per run, by page size (in the order of `pageSizes`). */
  readonly ours: number[][];
  readonly raw: number[];
  readonly generationSeconds: number;
  readonly fileBytes: number;
}

/** Generation of the log: events per append, and appends queued together (one group commit). */
export const GEN_EVENTS_PER_APPEND = 100;
export const GEN_APPENDS_PER_COMMIT = 100;

export async function benchReadAll(settings: ReadAllSettings, workDir: string, progress: (message: string) => void): Promise<ReadAllResults> {
  const file = join(workDir, 'read.sqlite');
  progress(`generating read log of ${formatInt(settings.events)} events through the store's API`);
  const generationSeconds = await generateLog(file, settings.events, progress);
  progress(`generated in ${formatFixed(generationSeconds, 1)} s`);
  const store = new SqliteEventStore({ file });
  const raw = new Database(file, { readonly: true });
  const fileBytes = (raw.pragma('page_count', { simple: true }) as number) * (raw.pragma('page_size', { simple: true }) as number);
  const results: ReadAllResults = { ours: settings.pageSizes.map(() => []), raw: [], generationSeconds, fileBytes };
  try {
    for (let run = 0; run < settings.runs; run++) {
      await rotate(run, [
        () => void results.raw.push(rawReadAll(raw, settings.events)),
        ...settings.pageSizes.map((size, i) => async () => void results.ours[i]!.push(await oursReadAll(store, size, settings.events))),
      ]);
      const ours = settings.pageSizes.map((size, i) => `${formatInt(results.ours[i]!.at(-1)!)}/s (pages of ${formatInt(size)})`).join(', ');
      progress(`readAll run ${run + 1}/${settings.runs}: ours ${ours}, raw ${formatInt(results.raw.at(-1)!)}/s`);
    }
  } finally {
    raw.close();
    await store.close();
    removeDatabase(file);
  }
  return results;
}

async function generateLog(file: string, events: number, progress: (message: string) => void): Promise<number> {
  const store = new SqliteEventStore({ file });
  const start = process.hrtime.bigint();
  const appends = Math.ceil(events / GEN_EVENTS_PER_APPEND);
  let written = 0;
  let nextReport = events / 10;
  for (let first = 0; first < appends; first += GEN_APPENDS_PER_COMMIT) {
    const round: Array<Promise<unknown>> = [];
    for (let a = first; a < Math.min(appends, first + GEN_APPENDS_PER_COMMIT); a++) {
      const count = Math.min(GEN_EVENTS_PER_APPEND, events - a * GEN_EVENTS_PER_APPEND);
      round.push(store.append(streamName(a), new Array(count).fill(agreementAmended(a)), { expectedRevision: 'no-stream' }));
      written += count;
    }
    await Promise.all(round);
    if (written >= nextReport) {
      progress(`generating read log: ${formatInt(written)}/${formatInt(events)} events`);
      nextReport += events / 10;
    }
  }
  const head = await store.headPosition();
  await store.close();
  if (head !== String(events)) throw new Error(`generation: expected ${events} events, head is ${head}`);
  return secondsSince(start);
}

async function oursReadAll(store: SqliteEventStore, pageSize: number, expected: number): Promise<number> {
  let events = 0;
  let amended = 0;
  let sealed = 0;
  const seconds = await timeAsync(async () => {
    let fromPosition: string | undefined;
    for (;;) {
      const page = await store.readAll({ fromPosition, maxCount: pageSize });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.data.version === 3) amended++;
        if (typeof event.metadata.hash === 'string') sealed++;
      }
      events += page.length;
      fromPosition = page[page.length - 1]!.position;
    }
  });
  if (events !== expected || sealed !== expected || amended !== expected) throw new Error(`ours readAll: read ${events} events`);
  return events / seconds;
}

function rawReadAll(db: Database.Database, expected: number): number {
  const select = db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position').raw();
  let events = 0;
  let amended = 0;
  let sealed = 0;
  const start = process.hrtime.bigint();
  for (const row of select.iterate() as IterableIterator<[number, string, string, number, string, string, string]>) {
    const data = JSON.parse(row[5]) as JsonObject;
    const metadata = JSON.parse(row[6]) as JsonObject;
    if (data.version === 3) amended++;
    if (typeof metadata.hash === 'string') sealed++;
    events++;
  }
  const seconds = secondsSince(start);
  if (events !== expected || sealed !== expected || amended !== expected) throw new Error(`raw readAll: read ${events} events`);
  return events / seconds;
}

import Database from 'better-sqlite3';
import { GENESIS_HASH, linkProblem } from '../core/hash-chain.js';
import type { JsonObject } from '../core/json.js';

/** What a check of a log file found: sizes, and the first problem when there is one. */
export interface LogFileCheck {
  readonly valid: boolean;
  readonly events: number;
  readonly streams: number;
  /** The position of the last event, or null for an empty log. */
  readonly headPosition: string | null;
  readonly firstProblem?: { readonly position: string | null; readonly streamId?: string; readonly revision?: number; readonly reason: string };
}

type Row = [position: number, eventId: string, streamId: string, revision: number, type: string, data: string, metadata: string];

/**
 * Checks an SQLite log file on its own, read-only: SQLite's own page check, then every event in
 * position order against its stream's chain — revisions contiguous from 0, each prevHash the
 * previous hash, each hash recomputed from the event. One pass, one row at a time; memory holds one
 * head per stream.
 */
export function checkLogFile(file: string): LogFileCheck {
  let db: Database.Database;
  try {
    // Read-write opening (a WAL file needs its -shm), but query_only: this check never writes.
    db = new Database(file, { fileMustExist: true });
    db.pragma('query_only = ON');
  } catch (error) {
    return { valid: false, events: 0, streams: 0, headPosition: null, firstProblem: { position: null, reason: `not readable as SQLite: ${(error as Error).message}` } };
  }
  try {
    const integrity = db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') return { valid: false, events: 0, streams: 0, headPosition: null, firstProblem: { position: null, reason: `SQLite quick_check: ${String(integrity)}` } };
    const hasEvents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (!hasEvents) return { valid: false, events: 0, streams: 0, headPosition: null, firstProblem: { position: null, reason: 'no events table: not a ledger log' } };

    const heads = new Map<string, { revision: number; hash: string }>();
    let events = 0;
    let headPosition: string | null = null;
    const rows = db.prepare('SELECT position, event_id, stream_id, revision, type, data, metadata FROM events ORDER BY position').raw().iterate() as IterableIterator<Row>;
    for (const [position, eventId, streamId, revision, type, data, metadata] of rows) {
      const head = heads.get(streamId);
      const expected = head ? head.revision + 1 : 0;
      const problem =
        revision !== expected
          ? `expected revision ${expected}, found ${revision}`
          : linkProblem({ eventId, streamId, revision, type, data: JSON.parse(data) as JsonObject, metadata: JSON.parse(metadata) as JsonObject }, head?.hash ?? GENESIS_HASH);
      if (problem !== undefined) {
        return { valid: false, events, streams: heads.size, headPosition, firstProblem: { position: String(position), streamId, revision, reason: problem } };
      }
      heads.set(streamId, { revision, hash: (JSON.parse(metadata) as { hash: string }).hash });
      events++;
      headPosition = String(position);
    }
    return { valid: true, events, streams: heads.size, headPosition };
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the log while a server may be writing it: SQLite's online backup API,
 * all pages in one step, so the copy is one read transaction's snapshot (WAL lets the writer go
 * on meanwhile) and a concurrent commit cannot make it start over.
 */
export async function copyLogFile(source: string, destination: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 5000');
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}

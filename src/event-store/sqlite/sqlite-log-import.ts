import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { checkAppendable, decodeAgreementEvent } from '../../core/agreement-contract.js';
import { canonicalJson } from '../../core/hash-chain.js';
import type { StoredEvent } from '../event-store.port.js';
import { migrate } from './schema.js';

/**
 * An export written back verbatim into an empty log (`ledger import`): the same event ids,
 * revisions, recorded times, hashes and — when they are this store's — positions, so the
 * imported log answers every query as the original did. Every event still passes the event
 * contract the store runs on every append; the whole import is one transaction, so an event that
 * fails leaves the log as empty as it was.
 */
export class LogNotEmptyError extends Error {
  override readonly name = 'LogNotEmptyError';
}

export async function importIntoEmptyLog(file: string, events: AsyncIterable<StoredEvent>): Promise<number> {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
    if (db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined) throw new LogNotEmptyError(`${file} already holds events: import fills an empty log only`);
    const insert = db.prepare('INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    let count = 0;
    db.exec('BEGIN IMMEDIATE');
    try {
      for await (const event of events) {
        checkAppendable(event.streamId, event);
        decodeAgreementEvent(event);
        count++;
        // A position of another store's form (EventStoreDB's commit/prepare) becomes the next rowid.
        const position = /^[1-9][0-9]{0,15}$/.test(event.position) ? Number(event.position) : null;
        insert.run(position, event.eventId, event.streamId, event.revision, event.type, canonicalJson(event.data), JSON.stringify(event.metadata), event.metadata.hash);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    return count;
  } finally {
    db.close();
  }
}

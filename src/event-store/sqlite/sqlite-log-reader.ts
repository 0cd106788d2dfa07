import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoredEvent } from '../event-store.port.js';
import { COLUMNS, toStoredEvent, type Row } from './sqlite-event-store.js';

/**
 * The log file opened read-only, for the auditor's export while the server runs: SQLite's WAL
 * lets a reader see the last commit without blocking the writer. Reads stop at the head found
 * when they start, so an export is one prefix of the log even while appends go on.
 */
export class SqliteLogReader {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (!existsSync(file)) throw new Error(`there is no log at ${file}`);
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    const hasEvents = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get();
    if (hasEvents === undefined) {
      this.db.close();
      throw new Error(`${file} holds no ledger`);
    }
  }

  /** Every event (or one stream's) in position order, `pageSize` at a time, up to the head as it is now. */
  *pages(streamId?: string, pageSize = 1000): Generator<StoredEvent[]> {
    const head = (this.db.prepare('SELECT max(position) AS head FROM events').get() as { head: number | null }).head ?? 0;
    const page = this.db
      .prepare(
        streamId === undefined
          ? `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`
          : `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? AND stream_id = ? ORDER BY position LIMIT ?`,
      )
      .raw();
    let after = 0;
    for (;;) {
      const rows = (streamId === undefined ? page.all(after, head, pageSize) : page.all(after, head, streamId, pageSize)) as Row[];
      if (rows.length === 0) return;
      yield rows.map(toStoredEvent);
      after = rows[rows.length - 1]![0];
    }
  }

  close(): void {
    this.db.close();
  }
}

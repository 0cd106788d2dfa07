import Database from 'better-sqlite3';

/**
 * The baseline: plain better-sqlite3 on its own file, WAL with synchronous=FULL set explicitly
 * (better-sqlite3 leaves WAL at NORMAL, which can lose acknowledged commits on power loss), and a
 * table comparable to the store's, without the store's extra columns and indexes.
 */
export class RawSqliteLog {
  readonly db: Database.Database;
  private readonly insertOne: (streamId: string, revision: number, type: string, data: string, metadata: string) => void;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS events (
      position  INTEGER PRIMARY KEY,
      stream_id TEXT    NOT NULL,
      revision  INTEGER NOT NULL,
      type      TEXT    NOT NULL,
      data      TEXT    NOT NULL,
      metadata  TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    )`);
    const insert = this.db.prepare('INSERT INTO events (stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
    // One transaction (and so one fsync) per row.
    this.insertOne = this.db.transaction((streamId: string, revision: number, type: string, data: string, metadata: string) => {
      insert.run(streamId, revision, type, data, metadata);
    });
  }

  append(streamId: string, revision: number, type: string, data: string, metadata: string): void {
    this.insertOne(streamId, revision, type, data, metadata);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}

import type Database from 'better-sqlite3';

/**
 * The log. `position` is the rowid: assigned in commit order under SQLite's single writer, so a
 * reader never sees position n+1 before n. Rows are never deleted, so a rowid is never reused
 * (AUTOINCREMENT would cost an extra table write per commit for nothing). `data` is stored as its
 * RFC 8785 canonical JSON, the very string the hash covers; `hash` is kept beside the metadata
 * so an append finds its stream head without parsing JSON.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position     INTEGER PRIMARY KEY,
     event_id     TEXT    NOT NULL UNIQUE,
     stream_id    TEXT    NOT NULL,
     revision     INTEGER NOT NULL,
     type         TEXT    NOT NULL,
     data         TEXT    NOT NULL,
     metadata     TEXT    NOT NULL,
     hash         TEXT    NOT NULL,
     UNIQUE (stream_id, revision)
   ) STRICT`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`event store schema ${current} is newer than this build knows (${MIGRATIONS.length})`);
  }
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

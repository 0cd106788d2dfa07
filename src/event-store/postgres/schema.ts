import type { PoolClient } from 'pg';

/**
 * The log, as in the SQLite store: `position` is given out only under the append lock (see
 * postgres-event-store.ts), so positions become visible in order. `data` and `metadata` are `json`,
 * not `jsonb`: json keeps the text as written, and `data` is stored as the canonical JSON the hash
 * covers. Event ids are text, not uuid, so an id reads back exactly as the writer spelt it.
 * Each entry is one schema version; a version once released is never edited, only followed.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     event_id  text   NOT NULL UNIQUE,
     stream_id text   NOT NULL,
     revision  bigint NOT NULL,
     type      text   NOT NULL,
     data      json   NOT NULL,
     metadata  json   NOT NULL,
     hash      text   NOT NULL,
     UNIQUE (stream_id, revision)
   )`,
];

/** Instances starting together migrate one at a time: the first applies, the others find it done. */
const MIGRATION_LOCK = 0x6c6467_0001;

export async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS ledger_schema_version (
       version    integer     PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM ledger_schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`event store schema ${current} is newer than this build knows (${MIGRATIONS.length})`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version]!);
      await client.query('INSERT INTO ledger_schema_version (version) VALUES ($1)', [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

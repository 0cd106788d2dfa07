import type Database from 'better-sqlite3';

/**
 * Schema versions for the parts of state.sqlite that are kept, not derived: each part (webhooks, …)
 * names its migrations in order, and only those it has not run yet are run, in one transaction
 * with the version they reach. Parts are versioned apart so that adding one never renumbers another.
 */
export function migrateState(db: Database.Database, part: string, migrations: readonly string[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS state_migrations (part TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
  db.transaction(() => {
    const row = db.prepare('SELECT version FROM state_migrations WHERE part = ?').get(part) as { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > migrations.length) {
      throw new Error(`state.sqlite holds ${part} schema version ${current}, newer than this server knows (${migrations.length})`);
    }
    for (const migration of migrations.slice(current)) db.exec(migration);
    db.prepare('INSERT INTO state_migrations (part, version) VALUES (?, ?) ON CONFLICT (part) DO UPDATE SET version = excluded.version').run(part, migrations.length);
  }).immediate();
}

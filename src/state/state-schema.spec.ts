import Database from 'better-sqlite3';
import { migrateState, STATE_SCHEMA_VERSION } from './state-schema.js';

describe('state.sqlite schema', () => {
  it('migrates a new file to the current version', () => {
    const db = new Database(':memory:');
    migrateState(db);
    expect(db.pragma('user_version', { simple: true })).toBe(STATE_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['idempotency_keys', 'ledger_tokens']));
  });

  it('takes over a file made before versioning, rows and all', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE ledger_tokens (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'auditor')), party_id TEXT, region TEXT, created_at TEXT NOT NULL,
      last_used_at TEXT, expires_at TEXT, revoked_at TEXT) STRICT`);
    db.prepare("INSERT INTO ledger_tokens (id, secret_hash, name, role, created_at) VALUES ('tok_1', 'h', 'Ylläpito', 'admin', '2026-01-01T00:00:00Z')").run();
    migrateState(db);
    expect(db.pragma('user_version', { simple: true })).toBe(STATE_SCHEMA_VERSION);
    expect(db.prepare('SELECT id FROM ledger_tokens').all()).toEqual([{ id: 'tok_1' }]);
  });

  it('refuses a file newer than this build', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${STATE_SCHEMA_VERSION + 1}`);
    expect(() => migrateState(db)).toThrow(/newer than this build knows/);
  });
});

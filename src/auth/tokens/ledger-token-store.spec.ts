import Database from 'better-sqlite3';
import { migrateState } from '../../state/state-schema.js';
import { LedgerTokenStore, TOKEN_RECHECK_MS } from './ledger-token-store.js';

describe('ledger tokens in a running server', () => {
  let clock: number;
  const db = new Database(':memory:');
  migrateState(db);
  const server = new LedgerTokenStore(db, () => new Date(clock));
  /** Another process on the same file: the `ledger` CLI. */
  const cli = new LedgerTokenStore(db, () => new Date(clock));

  beforeEach(() => {
    clock = Date.parse('2026-12-01T10:00:00Z');
  });

  it('a revocation by another process takes effect within TOKEN_RECHECK_MS, not later', () => {
    const { token, record } = cli.create({ name: 'Tarkastaja', role: 'auditor' });
    expect(server.authenticate(token)).toMatchObject({ id: `token:${record.id}`, role: 'auditor' });
    cli.revoke(record.id);
    clock += TOKEN_RECHECK_MS - 1;
    expect(server.authenticate(token)).toBeDefined();
    clock += 1;
    expect(server.authenticate(token)).toBeUndefined();
  });

  it('a revocation through the server itself takes effect at once', () => {
    const { token, record } = server.create({ name: 'Kirjaamo', role: 'clerk', partyId: '0161999-9' });
    expect(server.authenticate(token)).toBeDefined();
    server.revoke(record.id);
    expect(server.authenticate(token)).toBeUndefined();
  });

  it('an expiry is checked on every request, not once a second', () => {
    const { token } = cli.create({ name: 'Määräaikainen', role: 'auditor', expiresAt: new Date(clock + 500).toISOString() });
    expect(server.authenticate(token)).toBeDefined();
    clock += 500;
    expect(server.authenticate(token)).toBeUndefined();
  });

  it('records the last use at most once a minute, so reads stay reads', () => {
    const { token, record } = cli.create({ name: 'Ylläpito', role: 'admin' });
    server.authenticate(token);
    const first = cli.get(record.id)!.lastUsedAt;
    expect(first).toBe(new Date(clock).toISOString());
    clock += 30_000;
    server.authenticate(token);
    expect(cli.get(record.id)!.lastUsedAt).toBe(first);
    clock += 30_000;
    server.authenticate(token);
    expect(cli.get(record.id)!.lastUsedAt).toBe(new Date(clock).toISOString());
  });
});

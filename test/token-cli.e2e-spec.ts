/** `ledger token …` as an operator types it: expiry dates, expired tokens listed as such, errors as JSON. */
import { spawnSync } from 'node:child_process';
import { LedgerTokenStore } from '../src/auth/tokens/ledger-token-store.js';
import { openStateDatabase } from '../src/state/state-database.js';
import { tempDir } from './support/temp-dir.js';

describe('ledger token', () => {
  const dir = tempDir('token-cli');
  const ledger = (...args: string[]) => spawnSync(process.execPath, ['bin/ledger.js', '--data-dir', dir.path, ...args], { encoding: 'utf8' });
  afterAll(() => dir.remove());

  it('create --expires DATE: the token works to the end of that day in Europe/Helsinki', () => {
    const created = ledger('--json', 'token', 'create', '--role', 'auditor', '--name', 'Tilintarkastaja', '--expires', '2099-12-31');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ role: 'auditor', expiresAt: '2099-12-31T22:00:00.000Z' });
    expect(ledger('token', 'list').stdout).toMatch(/Tilintarkastaja .*active through 2099-12-31/);
  });

  it('create --expires refuses a day in the past: exit 2, with --json one JSON object on stderr and no help text', () => {
    const refused = ledger('--json', 'token', 'create', '--role', 'auditor', '--name', 'Myöhässä', '--expires', '2020-01-01');
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(JSON.parse(refused.stderr)).toEqual({ error: { code: 'usage', message: '--expires 2020-01-01 is in the past (the token would never work)', exitCode: 2 } });
    const missing = ledger('--json', 'token', 'create', '--role', 'auditor');
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'usage', message: "required option '--name <name>' not specified" } });
    expect(missing.stderr).not.toContain('Usage:');
  });

  it('list shows an expired token as expired', () => {
    const db = openStateDatabase(dir.path);
    new LedgerTokenStore(db).create({ name: 'Vanha tarkastaja', role: 'auditor', expiresAt: '2024-06-30T21:00:00.000Z' });
    db.close();
    const listed = JSON.parse(ledger('--json', 'token', 'list').stdout) as { items: Array<{ name: string; state: string }> };
    expect(listed.items.map((t) => [t.name, t.state])).toEqual(
      expect.arrayContaining([
        ['Vanha tarkastaja', 'expired'],
        ['Tilintarkastaja', 'active'],
      ]),
    );
    expect(ledger('token', 'list').stdout).toMatch(/Vanha tarkastaja .*expired after 2024-06-30/);
  });
});

/** `ledger rebuild`: read models rebuilt from the log equal the ones the server built live. */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { ReadModelStore } from '../src/read-models/read-model-store.js';
import { keskiPohjanmaaCommands } from './fixtures/keski-pohjanmaa.js';
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp } from './support/test-app.js';

const ledger = (...args: string[]) => spawnSync(process.execPath, ['bin/ledger.js', ...args], { encoding: 'utf8' });

describe('ledger rebuild', () => {
  it('rebuilds read models identical to the live ones, and refuses while a server runs', async () => {
    const t = await startTestApp();
    let position = '';
    for (const command of [...kymenlaaksoCommands(), ...keskiPohjanmaaCommands()]) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      position = ((await res.json()) as { position: string }).position;
    }
    expect((await t.call(`/agreements?minPosition=${position}`, { token: t.adminToken })).status).toBe(200);
    await t.close({ keepData: true });
    try {
      const live = new ReadModelStore(t.dataDir);
      const before = live.dump();
      live.close();
      expect(before.agreements).toHaveLength(2);

      // A live server on the data directory (here: this test process) makes rebuild refuse.
      writeFileSync(`${t.dataDir}/server.pid`, `${process.pid}\n`);
      const refused = ledger('--data-dir', t.dataDir, 'rebuild');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('stop it first');
      rmSync(`${t.dataDir}/server.pid`);

      const rebuilt = ledger('--data-dir', t.dataDir, '--json', 'rebuild');
      expect(rebuilt.stderr).toBe('');
      const fixtureEvents = kymenlaaksoCommands().length + keskiPohjanmaaCommands().length;
      expect(JSON.parse(rebuilt.stdout)).toMatchObject({ events: fixtureEvents, position });
      const after = new ReadModelStore(t.dataDir);
      expect(after.dump()).toEqual(before);
      after.close();
    } finally {
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});

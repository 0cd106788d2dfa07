/**
 * An auditor beside the server reads the signed checkpoint from the data directory itself: the
 * note `ledger checkpoint --data-dir` prints is the one `GET /api/checkpoint` serves, and it
 * verifies an export of the same log with the log's verifier key; `ledger prove --data-dir` writes
 * the very proof file the API gives, and it verifies offline.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { ledger, ledgerAsync } from './support/fixture-log.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { tempDir } from './support/temp-dir.js';

describe('ledger checkpoint --data-dir', () => {
  let t: TestApp;
  const work = tempDir('checkpoint-data-dir');
  const file = (name: string) => join(work.path, name);

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_CHECKPOINT_INTERVAL: '0' });
  });
  afterAll(async () => {
    await t.close();
    work.remove();
  });

  it('says plainly when nothing has been signed yet', () => {
    const none = ledger('--data-dir', join(work.path, 'empty'), 'checkpoint');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no ledger-tree\.sqlite|no signed checkpoint/);
  });

  it('prints the checkpoint the server serves, and it verifies an export of the log', async () => {
    const commands = kymenlaaksoCommands();
    for (const command of commands) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      expect(res.status).toBe(201);
    }
    // Signed after every commit (interval 0): wait until the served checkpoint covers every event.
    let served = '';
    for (let tries = 0; tries < 200; tries++) {
      const res = await t.call('/checkpoint', { token: t.adminToken });
      served = res.status === 200 ? await res.text() : '';
      if (served.split('\n')[1] === String(commands.length)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(served.split('\n')[1]).toBe(String(commands.length));

    const read = await ledgerAsync('--data-dir', t.dataDir, 'checkpoint', '--out', file('checkpoint.txt'));
    expect(read.stderr).toBe('');
    expect(read.status).toBe(0);
    const printed = await ledgerAsync('--data-dir', t.dataDir, 'checkpoint');
    expect(printed.stdout).toBe(served);

    const keys = (await (await t.call('/keys', { token: t.adminToken })).json()) as { keys: { verifierKey: string }[] };
    writeFileSync(file('log.vkey'), keys.keys[0]!.verifierKey);
    expect(ledger('--data-dir', t.dataDir, 'export', '--out', file('ledger.ndjson')).status).toBe(0);
    const verified = ledger('--json', 'verify', file('ledger.ndjson'), '--checkpoint', file('checkpoint.txt'), '--key', file('log.vkey'));
    expect(verified.stderr).toBe('');
    // One agreement in the whole log: the checkpoint's root, reproduced, says this export is the log.
    expect(JSON.parse(verified.stdout)).toMatchObject({ valid: true, scope: 'log', checkpoint: { treeSize: commands.length, verified: true } });

    const events = readFileSync(file('ledger.ndjson'), 'utf8').trim().split('\n');
    const event = JSON.parse(events[4]!) as { eventId: string };
    writeFileSync(file('event.json'), events[4]!);
    const proved = await ledgerAsync('--data-dir', t.dataDir, 'prove', event.eventId, '--out', file('data-dir.proof'));
    expect(proved.stderr).toBe('');
    expect(proved.status).toBe(0);
    const overApi = await ledgerAsync('prove', event.eventId, '--url', t.api, '--token', t.adminToken);
    expect(readFileSync(file('data-dir.proof'), 'utf8')).toBe(overApi.stdout);
    const checked = ledger('--json', 'prove', '--verify', file('data-dir.proof'), '--key', file('log.vkey'), '--event', file('event.json'));
    expect(JSON.parse(checked.stdout)).toMatchObject({ valid: true, index: 4, treeSize: commands.length });
    const unknown = await ledgerAsync('--data-dir', t.dataDir, 'prove', '0190d6a2-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no event 0190d6a2-0000-7000-8000-000000000000 in the ledger tree');
  });
});

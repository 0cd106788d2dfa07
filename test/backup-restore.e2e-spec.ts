/**
 * `ledger backup` while the server takes writes, `ledger restore` into an empty directory, and a
 * server on the restored log answering exactly as the original did at the backup's position.
 */
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KYMENLAAKSO_AGREEMENT_ID, kymenlaaksoCommands, kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { runLedger } from './support/ledger-cli.js';
import { SERVER_MAIN, startServerProcess, type ServerProcess } from './support/server-process.js';
import { tempDir } from './support/temp-dir.js';

const WRITERS = 8;

async function call(api: string, token: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  return fetch(`${api}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.json !== undefined && { 'content-type': 'application/json' }) },
    ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
  });
}

describe('ledger backup and restore', () => {
  beforeAll(() => {
    if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run "npm run build" (npm test does)`);
  });

  it('backs up under write load; the copy verifies, restores only into an empty directory, and answers like the original', async () => {
    const dir = tempDir('backup');
    const work = tempDir('backup-work');
    const servers: ServerProcess[] = [];
    try {
      const original = startServerProcess({ LEDGER_DATA_DIR: dir.path, PORT: '0', LEDGER_RATE_LIMIT: '0', LEDGER_LOG_LEVEL: 'warn' });
      servers.push(original);
      const api = await original.url;
      const token = original.token();
      for (const command of kymenlaaksoCommands()) {
        const { method, path, body } = toHttpRequest(command);
        expect((await call(api, token, path, { method, json: body })).status).toBe(201);
      }

      // Writers keep recording decisions while the backup runs.
      let stop = false;
      let backupRunning = false;
      let writtenDuringBackup = 0;
      let n = 0;
      const { hamina } = kymenlaaksoParties;
      const writer = async (): Promise<void> => {
        while (!stop) {
          const section = `§ ${1000 + n++}`;
          const res = await call(api, token, `/agreements/${KYMENLAAKSO_AGREEMENT_ID}/decisions`, {
            method: 'POST',
            json: { partyId: hamina.partyId, body: hamina.competentBody, outcome: 'noted', version: 1, decidedOn: '2023-10-09', meeting: { section } },
          });
          expect(res.status).toBe(201);
          if (backupRunning) writtenDuringBackup++;
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);
      const file = join(work.path, 'ledger-backup.sqlite');
      backupRunning = true;
      const backup = await runLedger(['--data-dir', dir.path, '--json', 'backup', '--out', file]);
      backupRunning = false;
      stop = true;
      await Promise.all(writers);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      const summary = JSON.parse(backup.stdout) as { file: string; events: number; streams: number; headPosition: string };
      expect(summary).toMatchObject({ file, streams: 1 });
      expect(summary.events).toBeGreaterThan(kymenlaaksoCommands().length);
      expect(writtenDuringBackup).toBeGreaterThan(0);
      expect(readdirSync(work.path)).toEqual(['ledger-backup.sqlite']);

      // Restore refuses a directory that holds anything, and a copy that does not verify.
      const notEmpty = await runLedger(['--json', 'restore', file, '--data-dir', dir.path]);
      expect(notEmpty.status).toBe(2);
      expect(JSON.parse(notEmpty.stderr)).toMatchObject({ error: { code: 'usage', message: expect.stringContaining('is not empty') } });
      const tampered = join(work.path, 'tampered.sqlite');
      copyFileSync(file, tampered);
      const db = new Database(tampered);
      db.prepare(`UPDATE events SET data = replace(data, 'Haminan', 'Haminen') WHERE position = (SELECT min(position) FROM events WHERE type = 'DecisionRecorded' AND data LIKE '%Haminan%')`).run();
      db.close();
      const refused = await runLedger(['--json', 'restore', tampered, '--data-dir', join(work.path, 'from-tampered')]);
      expect(refused.status).toBe(1);
      expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'verification-failed', message: expect.stringContaining('hash does not match') } });
      expect(existsSync(join(work.path, 'from-tampered'))).toBe(false);

      const restoredDir = join(work.path, 'restored');
      const restore = await runLedger(['--json', 'restore', file, '--data-dir', restoredDir]);
      expect(restore.status).toBe(0);
      expect(JSON.parse(restore.stdout)).toMatchObject({ events: summary.events, headPosition: summary.headPosition });

      const restored = startServerProcess({ LEDGER_DATA_DIR: restoredDir, PORT: '0', LEDGER_LOG_LEVEL: 'warn' });
      servers.push(restored);
      const restoredApi = await restored.url;
      const restoredToken = restored.token();
      const at = summary.headPosition;
      const id = KYMENLAAKSO_AGREEMENT_ID;
      const [events, eventsThen] = await Promise.all([
        call(restoredApi, restoredToken, `/agreements/${id}/events?minPosition=${at}`).then((r) => r.json()),
        call(api, token, `/agreements/${id}/events?knownAt=${at}`).then((r) => r.json()),
      ]);
      expect(events).toEqual(eventsThen);
      const withoutKnownAt = ({ knownAt: _, ...rest }: Record<string, unknown>) => rest;
      const [status, statusThen] = await Promise.all([
        call(restoredApi, restoredToken, `/agreements/${id}/status?minPosition=${at}`).then((r) => r.json() as Promise<Record<string, unknown>>),
        call(api, token, `/agreements/${id}/status?knownAt=${at}`).then((r) => r.json() as Promise<Record<string, unknown>>),
      ]);
      expect(withoutKnownAt(status)).toEqual(withoutKnownAt(statusThen));
      expect(status).toMatchObject({ inForce: true });
      expect(await (await call(restoredApi, restoredToken, `/agreements/${id}/verify`)).json()).toMatchObject({ valid: true, events: summary.events });
    } finally {
      for (const server of servers) server.kill('SIGTERM');
      await Promise.all(servers.map((s) => s.exited));
      dir.remove();
      work.remove();
    }
    // Two server processes and four CLI processes, each loading Node and its modules.
  }, 120_000);
});

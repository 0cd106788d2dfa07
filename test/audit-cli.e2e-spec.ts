/**
 * The auditor's round trip against the real server: export (while it runs, and over the API),
 * replay answering as the API answers, and import into an empty data directory giving a log
 * that answers like the original.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { agreementStreamId } from '../src/core/stream-names.js';
import { KESKI_SUOMI_2023_ID, keskiSuomi2023Commands, keskiSuomi2026Commands } from './fixtures/keski-suomi.js';
import { keskiPohjanmaaCommands } from './fixtures/keski-pohjanmaa.js';
import { KYMENLAAKSO_AGREEMENT_ID, kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { ledger, ledgerAsync } from './support/fixture-log.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { tempDir } from './support/temp-dir.js';

const AS_OF = ['2023-06-01', '2024-03-31', '2026-02-01'];

describe('ledger export, replay and import against the server', () => {
  let t: TestApp;
  let auditor = '';
  let last = '';
  const dir = tempDir('audit');
  const exportFile = join(dir.path, 'ledger.ndjson');
  let agreementIds: string[] = [];

  const answers = async (app: TestApp, token: string, id: string, query: string) => {
    const get = async (path: string) => (await app.call(`/agreements/${id}${path}?${query}&minPosition=${last}`, { token })).json();
    return { status: await get('/status'), versions: await get('/versions') };
  };

  beforeAll(async () => {
    t = await startTestApp();
    auditor = t.createToken({ role: 'auditor', name: 'Tilintarkastaja' });
    for (const command of [...kymenlaaksoCommands(), ...keskiPohjanmaaCommands(), ...keskiSuomi2023Commands(), ...keskiSuomi2026Commands()]) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      last = ((await res.json()) as { position: string }).position;
      if (!agreementIds.includes(command.data.agreementId)) agreementIds = [...agreementIds, command.data.agreementId];
    }
    // Exported while the server runs: the log is opened read-only beside it.
    const exported = ledger('--data-dir', t.dataDir, '--json', 'export', '--out', exportFile);
    expect(exported.stderr).toBe('');
    expect(JSON.parse(exported.stdout)).toEqual({ events: Number(last), out: exportFile });
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  it('exports each event exactly as GET …/events gives it, from the data directory and over the API', async () => {
    const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(Number(last));
    const stream = agreementStreamId(KYMENLAAKSO_AGREEMENT_ID);
    const fromApi = (await (await t.call(`/agreements/${KYMENLAAKSO_AGREEMENT_ID}/events`, { token: auditor })).json()) as unknown[];
    const ofStream = lines.filter((line) => (JSON.parse(line) as { streamId: string }).streamId === stream);
    expect(ofStream).toEqual(fromApi.map((event) => JSON.stringify(event)));
    const overHttp = await ledgerAsync('export', '--url', t.api, '--token', auditor, '--agreement', KYMENLAAKSO_AGREEMENT_ID);
    expect(overHttp.status).toBe(0);
    expect(overHttp.stdout).toBe(ofStream.map((line) => `${line}\n`).join(''));
    expect((await ledgerAsync('export', '--url', t.api, '--token', auditor, '--agreement', 'no-such-agreement')).status).toBe(2);
    expect(ledger('export', '--url', t.api, '--agreement', KYMENLAAKSO_AGREEMENT_ID).status).toBe(2);
  });

  it('exports the whole log over the API exactly as from the data directory, to auditors and admins without a region limit', async () => {
    const fromDataDir = readFileSync(exportFile, 'utf8');
    const overHttp = await ledgerAsync('export', '--url', t.api, '--token', auditor);
    expect(overHttp.stderr).toBe('');
    expect(overHttp.stdout).toBe(fromDataDir);

    // Page by page, each full page linking to the next (RFC 8288), the last one short and linking nowhere.
    let pages = '';
    let next: string | undefined = '/events?limit=7';
    let count = 0;
    while (next !== undefined) {
      const res = await t.call(next, { token: t.adminToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      pages += await res.text();
      next = /<\/api([^>]*)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      count++;
    }
    expect(pages).toBe(fromDataDir);
    expect(count).toBe(Math.floor(Number(last) / 7) + 1);

    const region = t.createToken({ role: 'admin', region: 'Kymenlaakso', name: 'Kymenlaakson aluehallinto' });
    const clerk = t.createToken({ role: 'clerk', partyId: '0161999-9', name: 'Kotkan kirjaamo' });
    for (const token of [region, clerk]) expect((await t.call('/events', { token })).status).toBe(403);
    expect((await ledgerAsync('export', '--url', t.api, '--token', region)).status).toBe(2);
    for (const [query, field] of [['after=not-a-position', 'after'], ['limit=0', 'limit'], ['limit=10001', 'limit']]) {
      const res = await t.call(`/events?${query}`, { token: auditor });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
  });

  it('replays every agreement to the API\'s very Status and [Version], for several dates and as known earlier', async () => {
    for (const asOf of AS_OF) {
      const replay = ledger('--json', 'replay', exportFile, '--as-of', asOf);
      expect(replay.stderr).toBe('');
      const replayed = JSON.parse(replay.stdout) as { status: { agreementId: string } }[];
      expect(replayed.map((a) => a.status.agreementId)).toEqual(agreementIds);
      for (const answer of replayed) expect(answer).toEqual(await answers(t, auditor, answer.status.agreementId, `asOf=${asOf}`));
    }
    // As known at a position in the middle of the log and at an instant: an agreement not yet
    // recorded then is left out, where the API answers 404.
    const middle = String(Math.floor(Number(last) / 2));
    const instant = (JSON.parse(readFileSync(exportFile, 'utf8').split('\n')[Number(last) - 4]!) as { recordedAt: string }).recordedAt;
    for (const [knownAt, asOf] of [[middle, AS_OF[1]!], [instant, AS_OF[2]!]] as const) {
      const replay = ledger('--json', 'replay', exportFile, '--as-of', asOf, '--known-at', knownAt);
      expect(replay.stderr).toBe('');
      const replayed = JSON.parse(replay.stdout) as { status: { agreementId: string } }[];
      for (const id of agreementIds) {
        const api = await answers(t, auditor, id, `asOf=${asOf}&knownAt=${encodeURIComponent(knownAt)}`);
        const answer = replayed.find((a) => a.status.agreementId === id);
        if (answer === undefined) expect(api.status).toMatchObject({ status: 404 });
        else expect(answer).toEqual(api);
      }
      expect(replayed.length).toBeGreaterThan(0);
      expect(replayed.length).toBeLessThanOrEqual(agreementIds.length);
    }
    const one = JSON.parse(ledger('--json', 'replay', exportFile, '--as-of', AS_OF[1]!, '--agreement', KESKI_SUOMI_2023_ID).stdout);
    expect(one).toEqual([await answers(t, auditor, KESKI_SUOMI_2023_ID, `asOf=${AS_OF[1]}`)]);
    expect(ledger('replay', exportFile, '--as-of', '2024-02-30').status).toBe(2);
    expect(ledger('replay', exportFile, '--known-at', 'yesterday').status).toBe(2);
  });

  it('imports the export into an empty data directory whose server answers like the original', async () => {
    const target = join(dir.path, 'imported');
    const imported = ledger('--data-dir', target, '--json', 'import', exportFile);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ events: Number(last), streams: agreementIds.length });
    expect(ledger('--data-dir', target, 'import', exportFile).status).toBe(2);

    const copy = await startTestApp({ LEDGER_DATA_DIR: target });
    try {
      const token = copy.adminToken;
      for (const id of agreementIds) {
        for (const query of [`asOf=${AS_OF[1]}`, `asOf=${AS_OF[2]}&knownAt=${Number(last) - 3}`]) {
          expect(await answers(copy, token, id, query)).toEqual(await answers(t, auditor, id, query));
        }
        const events = async (app: TestApp, bearer: string) => (await app.call(`/agreements/${id}/events`, { token: bearer })).json();
        expect(await events(copy, token)).toEqual(await events(t, auditor));
      }
    } finally {
      await copy.close();
    }
  });

  it('writes nothing when any event fails', () => {
    const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n');
    const tampered = join(dir.path, 'tampered.ndjson');
    writeFileSync(tampered, lines.map((line, i) => (i === lines.length - 2 ? line.replace('"revision":', '"revision":1') : line)).join('\n') + '\n');
    const target = join(dir.path, 'refused');
    const refused = ledger('--data-dir', target, 'import', tampered);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('nothing imported');
    const log = join(target, 'ledger.sqlite');
    if (existsSync(log)) {
      const db = new Database(log, { readonly: true });
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
      db.close();
    }
  });
});

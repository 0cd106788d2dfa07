/**
 * The query API over real HTTP, fed by the projection runner from the real store: what is in
 * force and since when, bitemporal questions, version history, obligations, raw events and the
 * hash chain, read-your-writes, who may see what, and a rebuild equal to the live read models.
 */
import Database from 'better-sqlite3';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { ProjectionRunner } from '../src/read-models/projection-runner.js';
import { ReadModelStore } from '../src/read-models/read-model-store.js';
import { keskiPohjanmaaCommands, keskiPohjanmaaParties, KESKI_POHJANMAA_AGREEMENT_ID } from './fixtures/keski-pohjanmaa.js';
import { kymenlaaksoCommands, kymenlaaksoParties, KYMENLAAKSO_AGREEMENT_ID } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { tempDir } from './support/temp-dir.js';

const KYM = KYMENLAAKSO_AGREEMENT_ID;
const KP = KESKI_POHJANMAA_AGREEMENT_ID;
const { kotka, virolahti, county } = kymenlaaksoParties;

describe('queries over HTTP', () => {
  let t: TestApp;
  /** The position each fixture command's response named, in order. */
  const positions: Record<string, string[]> = { [KYM]: [], [KP]: [] };
  let lastPosition = '';
  const get = async (path: string, token = t.adminToken) => {
    const res = await t.call(path, { token });
    return { status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as any };
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const [id, commands] of [[KYM, kymenlaaksoCommands()], [KP, keskiPohjanmaaCommands()]] as const) {
      for (const command of commands) {
        const { path, body } = toHttpRequest(command);
        const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
        if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        lastPosition = ((await res.json()) as { position: string }).position;
        positions[id]!.push(lastPosition);
      }
    }
  });
  afterAll(async () => t.close());

  describe('status', () => {
    it('says the Kymenlaakso agreement is in force since the last signature, everyone done (read-your-writes)', async () => {
      const { status, etag, body } = await get(`/agreements/${KYM}/status?minPosition=${lastPosition}`);
      expect(status).toBe(200);
      expect(etag).toBe(`"${positions[KYM]!.length - 1}"`);
      expect(body).toMatchObject({ agreementId: KYM, inForce: true, inForceVersion: 1, inForceSince: '2023-12-01', latestVersion: 1, latestVersionState: 'in-force', terminatedOn: null });
      expect(body.pending).toHaveLength(7);
      expect(body.pending[0]).toEqual({
        partyId: county.partyId,
        name: county.name,
        approval: 'approved',
        signature: 'signed',
        signatories: [{ name: 'Maija Meikäläinen', title: 'hyvinvointialuejohtaja', signedOn: '2023-11-27', method: 'electronic' }],
        // The fixture records no minutes' publication: no appeal window, never final.
        final: false,
        appealableUntil: null,
        appealPending: false,
      });
      expect(body.finalSince).toBeNull();
    });

    it('asOf: the day before the last signature nothing was in force, and Virolahti still had to sign', async () => {
      const { body } = await get(`/agreements/${KYM}/status?asOf=2023-11-30`);
      expect(body).toMatchObject({ inForce: false, inForceVersion: null, inForceSince: null, asOf: '2023-11-30', latestVersionState: 'pending' });
      expect(body.pending.find((p: { partyId: string }) => p.partyId === virolahti.partyId)).toMatchObject({ approval: 'approved', signature: 'missing' });
    });

    it('knownAt (a log position): as the ledger knew it before the last signature was recorded', async () => {
      const beforeLast = positions[KYM]![positions[KYM]!.length - 2]!;
      const { body } = await get(`/agreements/${KYM}/status?asOf=2024-01-01&knownAt=${beforeLast}`);
      expect(body).toMatchObject({ inForce: false, asOf: '2024-01-01' });
      const now = await get(`/agreements/${KYM}/status?asOf=2024-01-01`);
      expect(now.body.inForce).toBe(true);
    });

    it('knownAt (an instant) before the agreement was recorded → 404; a malformed one → 400', async () => {
      expect((await get(`/agreements/${KYM}/status?knownAt=2000-01-01T00:00:00Z`)).status).toBe(404);
      expect((await get(`/agreements/${KYM}/status?knownAt=yesterday`)).status).toBe(400);
      expect((await get(`/agreements/${KYM}/status?asOf=2023-13-01`)).status).toBe(400);
    });

    it('a bad time argument, one given twice, or a field the query does not define → 400 naming the field; the log is unchanged', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const head = await store.headPosition();
      const refusals: Array<[string, string, string]> = [
        [`/agreements/${KYM}/status?asOf=2023-02-30`, 'asOf', 'asOf must be a calendar date YYYY-MM-DD'],
        [`/agreements/${KYM}/status?asOf=2023-11-30&asOf=2023-12-01`, 'asOf', 'asOf must be a calendar date YYYY-MM-DD'],
        [`/agreements/${KYM}/status?knownAt=`, 'knownAt', 'knownAt must be an ISO 8601 instant or a log position, at most 64 characters'],
        [`/agreements/${KYM}/versions?knownAt=${'1'.repeat(65)}`, 'knownAt', 'knownAt must be an ISO 8601 instant or a log position, at most 64 characters'],
        [`/agreements/${KYM}/status?asof=2023-11-30`, 'asof', 'asof is not a field this request accepts'],
        [`/agreements/${KYM}/events?asOf=2023-11-30`, 'asOf', 'asOf is not a field this request accepts'],
      ];
      for (const [path, field, message] of refusals) {
        const res = await t.call(path, { token: t.adminToken });
        expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 400, expect.stringMatching(/^application\/problem\+json/)]);
        expect(await res.json()).toMatchObject({ status: 400, errors: [{ field, message }] });
      }
      expect(await store.headPosition()).toBe(head);
    });

    it('answers the same JSON bytes while the agreement stands still', async () => {
      const [first, second] = [await t.call(`/agreements/${KYM}/status?asOf=2023-11-30`, { token: t.adminToken }), await t.call(`/agreements/${KYM}/status?asOf=2023-11-30`, { token: t.adminToken })];
      expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const text = await first.text();
      expect(await second.text()).toBe(text);
      expect(JSON.parse(text)).toMatchObject({ agreementId: KYM, asOf: '2023-11-30', inForce: false });
    });
  });

  describe('versions', () => {
    it('Keski-Pohjanmaa: version 1 superseded by version 2 on 2025-05-09, with each version’s decisions and signatures', async () => {
      const { body } = await get(`/agreements/${KP}/versions`);
      expect(body.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([[1, 'superseded'], [2, 'in-force']]);
      expect(body[0].inForce).toEqual([{ from: '2024-06-12', to: '2025-05-09', endedBy: 'superseded', supersededBy: 2 }]);
      expect(body[1].inForce).toEqual([{ from: '2025-05-09', to: null, endedBy: null }]);
      expect(body[1]).toMatchObject({ basedOn: 1, summary: expect.stringContaining('Liite B'), changes: [{ op: 'amend-annex', annexId: 'B' }] });
      const committee = body[0].decisions.filter((d: { counts: boolean; outcome: string }) => d.outcome === 'noted');
      expect(committee).toEqual([expect.objectContaining({ counts: false, meeting: { section: '§ 6', diaryNumber: '1559/00.02.13/2023' } })]);
      expect(body[1].signatures).toHaveLength(5);
    });

    it('one version, and 404 for a version the agreement does not have', async () => {
      const { status, body } = await get(`/agreements/${KP}/versions/2`);
      expect(status).toBe(200);
      expect(body.annexes.find((a: { annexId: string }) => a.annexId === 'B')).toMatchObject({ publicity: 'confidential', sha256: expect.any(String) });
      expect((await get(`/agreements/${KP}/versions/3`)).status).toBe(404);
      expect((await get(`/agreements/${KP}/versions/two`)).status).toBe(404);
    });
  });

  describe('lists and obligations', () => {
    it('lists with region, status and party filters and paging', async () => {
      const all = await get('/agreements');
      expect(all.body.total).toBe(2);
      expect((await get('/agreements?region=Kymenlaakso')).body.items.map((i: { agreementId: string }) => i.agreementId)).toEqual([KYM]);
      expect((await get('/agreements?status=in-force')).body.total).toBe(2);
      expect((await get('/agreements?status=pending')).body.total).toBe(0);
      expect((await get(`/agreements?partyId=${kotka.partyId}`)).body.items).toEqual([expect.objectContaining({ agreementId: KYM, status: 'in-force', inForceVersion: 1 })]);
      const page = await get('/agreements?limit=1&offset=1');
      expect(page.body).toMatchObject({ total: 2, items: [expect.objectContaining({ agreementId: KYM })] });
      expect((await get('/agreements?limit=0')).status).toBe(400);
    });

    it('GET one agreement: summary, parties of the latest version, version numbers, ETag', async () => {
      const { etag, body } = await get(`/agreements/${KP}`);
      expect(etag).toBe(`"${positions[KP]!.length - 1}"`);
      expect(body).toMatchObject({ agreementId: KP, region: 'Keski-Pohjanmaa', status: 'in-force', latestVersion: 2, versions: [1, 2] });
      expect(body.parties).toHaveLength(5);
      expect(body.parties[0]).toMatchObject({ partyId: expect.any(String), competentBody: expect.any(String) });
    });

    it("a party's pending list names what it still has to do on the latest version", async () => {
      const amendment = { basedOn: 1, summary: 'Liitteet päivitetty', changes: [{ op: 'revise-document', sha256: 'ef'.repeat(32) }] };
      const res = await t.call(`/agreements/${KYM}/amendments`, { method: 'POST', token: t.adminToken, json: amendment });
      const { position } = (await res.json()) as { position: string };
      const pending = await get(`/parties/${kotka.partyId}/pending?minPosition=${position}`);
      expect(pending.body).toEqual([{ agreementId: KYM, title: expect.any(String), version: 2, missing: ['approval', 'signature'] }]);
      expect((await get(`/parties/${keskiPohjanmaaParties.kokkola.partyId}/pending`)).body).toEqual([]);
      const status = await get(`/agreements/${KYM}/status`);
      expect(status.body).toMatchObject({ inForceVersion: 1, latestVersion: 2, latestVersionState: 'pending' });
    });
  });

  it('a rebuild from the start of the log equals the live read models', async () => {
    const health = await get('/health');
    expect(health.body.projections).toMatchObject({ caughtUp: true, lagEvents: 0 });
    const store = t.app.get<EventStore>(EVENT_STORE);
    const dir = tempDir('rebuild');
    const rebuilt = new ReadModelStore(dir.path);
    const live = new ReadModelStore(t.dataDir);
    try {
      await new ProjectionRunner(store, rebuilt).runToHead();
      expect(rebuilt.dump()).toEqual(live.dump());
      expect(rebuilt.dump().agreements).toHaveLength(2);
    } finally {
      rebuilt.close();
      live.close();
      dir.remove();
    }
  });

  describe('raw events and the hash chain', () => {
    it('auditors read the raw stream with hashes, and verify it', async () => {
      const auditor = t.createToken({ role: 'auditor', name: 'Tarkastaja' });
      const events = await get(`/agreements/${KP}/events`, auditor);
      expect(events.status).toBe(200);
      expect(events.body[0]).toMatchObject({ type: 'AgreementDrafted', revision: 0, metadata: { prevHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      const known = await get(`/agreements/${KP}/events?knownAt=${positions[KP]![2]}`, auditor);
      expect(known.body).toHaveLength(3);
      const verified = await get(`/agreements/${KP}/verify`, auditor);
      expect(verified.body).toEqual({ valid: true, events: events.body.length, headHash: events.body[events.body.length - 1].metadata.hash });
    });

    it('verify names the first revision altered behind the ledger’s back', async () => {
      const db = new Database(`${t.dataDir}/ledger.sqlite`);
      db.prepare(`UPDATE events SET data = json_set(data, '$.meeting.section', '§ 999') WHERE stream_id = ? AND revision = 4`).run(`agreement-${KYM}`);
      db.close();
      const { body } = await get(`/agreements/${KYM}/verify`);
      expect(body).toMatchObject({ valid: false, firstInvalidRevision: 4 });
    });

    it('clerks read neither raw events nor verification', async () => {
      const clerk = t.createToken({ role: 'clerk', partyId: kotka.partyId, name: 'Kotkan kirjaamo' });
      expect((await get(`/agreements/${KYM}/events`, clerk)).status).toBe(403);
      expect((await get(`/agreements/${KYM}/verify`, clerk)).status).toBe(403);
    });
  });

  describe('who sees what', () => {
    it("a clerk sees its party's agreements only; another's answer 404", async () => {
      const clerk = t.createToken({ role: 'clerk', partyId: kotka.partyId, name: 'Kotkan kirjaamo' });
      expect((await get('/agreements', clerk)).body.items.map((i: { agreementId: string }) => i.agreementId)).toEqual([KYM]);
      expect((await get(`/agreements/${KYM}/status`, clerk)).status).toBe(200);
      expect((await get(`/agreements/${KP}/status`, clerk)).status).toBe(404);
      expect((await get(`/agreements/${KP}`, clerk)).status).toBe(404);
      expect((await get(`/parties/${keskiPohjanmaaParties.kokkola.partyId}/pending`, clerk)).status).toBe(403);
    });

    it('a region admin sees its region; an auditor everything', async () => {
      const regional = t.createToken({ role: 'admin', region: 'Keski-Pohjanmaa', name: 'Aluehallinto' });
      expect((await get('/agreements', regional)).body.items.map((i: { agreementId: string }) => i.agreementId)).toEqual([KP]);
      expect((await get('/agreements?region=Kymenlaakso', regional)).body.total).toBe(0);
      expect((await get(`/agreements/${KYM}/versions`, regional)).status).toBe(404);
      const auditor = t.createToken({ role: 'auditor', name: 'Tarkastaja' });
      expect((await get('/agreements', auditor)).body.total).toBe(2);
    });

    it('no credentials → 401', async () => {
      expect((await t.call(`/agreements/${KYM}/status`)).status).toBe(401);
    });
  });

  describe('read-your-writes', () => {
    it('refuses a position the store never issued with 400, and answers 503 when it is not reached in 5 s', async () => {
      expect((await get(`/agreements/${KYM}/status?minPosition=abc`)).status).toBe(400);
      const started = Date.now();
      const res = await get(`/agreements/${KYM}/status?minPosition=999999999`);
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    }, 10_000);
  });

  // Last: it records one more decision on Kymenlaakso.
  it('a new event replaces a status answered before it', async () => {
    const before = await get(`/agreements/${KYM}/status`);
    const res = await t.call(`/agreements/${KYM}/decisions`, {
      method: 'POST',
      token: t.adminToken,
      json: { partyId: kotka.partyId, body: 'Kotkan kaupunginhallitus', outcome: 'noted', version: 1, decidedOn: '2024-01-15', meeting: { section: '§ 12' } },
    });
    expect(res.status).toBe(201);
    const { position } = (await res.json()) as { position: string };
    const after = await get(`/agreements/${KYM}/status?minPosition=${position}`);
    expect(after.body.knownAtRevision).toBe(before.body.knownAtRevision + 1);
    expect(after.etag).not.toBe(before.etag);
  });

});

/**
 * Annulments by reference over real HTTP: a clerk annuls the decision a command response named,
 * though the party's board and council met the same day; a higher court's reversal makes it count
 * again; every refusal leaves the stream as it was.
 */
import { agreementStreamId } from '../src/core/stream-names.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { county, kotka } = kymenlaaksoParties;
const ID = 'kymenlaakso-kumottu-2023';
const SHA = 'ab'.repeat(32);
const KOTKA_BOARD = 'Kotkan kaupunginhallitus';

describe('annulments name their decision by id; a reversal makes it count again', () => {
  let t: TestApp;
  let store: EventStore;
  let last = '';
  let councilApproval = '';
  let boardProposal = '';
  let annulmentId = '';
  let beforeReversal = '';
  const stream = () => store.readStream(agreementStreamId(ID));
  const post = async (path: string, json: unknown, token = t.adminToken) => {
    const res = await t.call(path, { method: 'POST', token, json });
    const body = (await res.json()) as any;
    if (res.status === 201) last = body.position;
    return { status: res.status, body };
  };
  const get = async (path: string) => (await (await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token: t.adminToken })).json()) as any;
  const decision = (partyId: string, body: string, outcome: string, decidedOn: string, section: string) => ({
    partyId,
    body,
    outcome,
    version: 1,
    decidedOn,
    meeting: { section },
  });
  const annulment = (decisionId: string) => ({ decisionId, annulledOn: '2024-02-01', authority: 'Hämeenlinnan hallinto-oikeus', reason: 'Esteellisyys', caseNumber: 'H 77/2024' });
  const reversal = { reversedOn: '2024-05-02', authority: 'Korkein hallinto-oikeus', reason: 'Esteellisyyttä ei ollut', caseNumber: 'KHO 2024:41' };

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    const draft = { agreementId: ID, title: 'Kotkan ja hyvinvointialueen yhteistyösopimus', region: 'Kymenlaakso', kind: 'other', parties: [county, kotka], document: { title: 'Sopimus', sha256: SHA }, annexes: [] };
    expect((await post('/agreements', draft)).status).toBe(201);
    expect((await post(`/agreements/${ID}/decisions`, decision(county.partyId, county.competentBody, 'approved', '2023-11-14', '§ 58'))).status).toBe(201);
    // Kotka's board proposes and its council approves on the same day.
    boardProposal = (await post(`/agreements/${ID}/decisions`, decision(kotka.partyId, KOTKA_BOARD, 'proposed', '2023-10-30', '§ 301'))).body.eventId;
    councilApproval = (await post(`/agreements/${ID}/decisions`, decision(kotka.partyId, kotka.competentBody, 'approved', '2023-10-30', '§ 88'))).body.eventId;
    for (const [party, signedOn] of [[county, '2023-11-27'], [kotka, '2023-11-28']] as const) {
      const signature = { partyId: party.partyId, version: 1, signatory: { name: `Johtaja ${party.name}`, title: 'johtaja' }, signedOn, method: 'electronic' };
      expect((await post(`/agreements/${ID}/signatures`, signature)).status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('shows each decision with its decisionId, the id its command response answered', async () => {
    const [version1] = await get(`/agreements/${ID}/versions`);
    expect(version1.decisions.map((d: { decisionId: string; body: string }) => [d.body, d.decisionId])).toEqual([
      [county.competentBody, expect.any(String)],
      [KOTKA_BOARD, boardProposal],
      [kotka.competentBody, councilApproval],
    ]);
    expect((await get(`/agreements/${ID}/status?asOf=2023-12-01`)).inForceVersion).toBe(1);
  });

  it("annuls the council's approval, not the board's proposal of the same day", async () => {
    const annulled = await post(`/agreements/${ID}/annulments`, annulment(councilApproval));
    expect(annulled.status).toBe(201);
    annulmentId = annulled.body.eventId;
    beforeReversal = annulled.body.position;
    const [version1] = await get(`/agreements/${ID}/versions?asOf=2024-03-01`);
    const byId = (id: string) => version1.decisions.find((d: { decisionId: string }) => d.decisionId === id);
    expect(byId(councilApproval)).toMatchObject({ counts: false, annulledOn: '2024-02-01', annulmentId, reversedOn: null });
    expect(byId(boardProposal)).toMatchObject({ counts: false, annulledOn: null, annulmentId: null });
    expect(version1.inForce).toEqual([{ from: '2023-11-28', to: '2024-02-01', endedBy: 'annulled' }]);
    const status = await get(`/agreements/${ID}/status?asOf=2024-03-01`);
    expect(status).toMatchObject({ inForce: false });
    expect(status.pending.find((p: { partyId: string }) => p.partyId === kotka.partyId).approval).toBe('annulled');
  });

  it('refuses to annul it again while the annulment stands, and what is no decision of the agreement (422, nothing appended)', async () => {
    const before = await stream();
    for (const [body, code] of [
      [annulment(councilApproval), 'decision-already-annulled'],
      [annulment('0190d6a2-0000-7000-8000-00000000abcd'), 'decision-not-found'],
      [annulment(annulmentId), 'decision-not-found'],
    ] as const) {
      const refused = await post(`/agreements/${ID}/annulments`, body);
      expect(refused).toMatchObject({ status: 422, body: { type: `urn:agreement-ledger:problem:${code}`, errors: [{ field: 'decisionId' }] } });
    }
    expect(await stream()).toEqual(before);
  });

  it("a clerk of another party may not annul Kotka's decision (403); Kotka's own clerk reaches the rules", async () => {
    const before = await stream();
    const countyClerk = t.createToken({ role: 'clerk', partyId: county.partyId, name: 'Hyvinvointialueen kirjaamo' });
    expect((await post(`/agreements/${ID}/annulments`, annulment(boardProposal), countyClerk)).status).toBe(403);
    expect((await post(`/agreements/${ID}/annulments/${annulmentId}/reversal`, reversal, countyClerk)).status).toBe(403);
    const kotkaClerk = t.createToken({ role: 'clerk', partyId: kotka.partyId, name: 'Kotkan kirjaamo' });
    expect((await post(`/agreements/${ID}/annulments`, annulment(councilApproval), kotkaClerk)).status).toBe(422);
    expect(await stream()).toEqual(before);
  });

  it('a reversal makes the decision count again from reversedOn, and force comes back', async () => {
    const reversed = await post(`/agreements/${ID}/annulments/${annulmentId}/reversal`, reversal);
    expect(reversed).toMatchObject({ status: 201, body: { version: 1 } });
    expect((await stream()).at(-1)).toMatchObject({ type: 'AnnulmentReversed', data: { annulmentId, reversedOn: '2024-05-02', caseNumber: 'KHO 2024:41' } });
    expect(await get(`/agreements/${ID}/status?asOf=2024-05-01`)).toMatchObject({ inForce: false });
    expect(await get(`/agreements/${ID}/status?asOf=2024-05-02`)).toMatchObject({ inForceVersion: 1, inForceSince: '2024-05-02' });
    const [version1] = await get(`/agreements/${ID}/versions?asOf=2024-06-01`);
    expect(version1.inForce).toEqual([
      { from: '2023-11-28', to: '2024-02-01', endedBy: 'annulled' },
      { from: '2024-05-02', to: null, endedBy: null },
    ]);
    expect(version1.decisions.find((d: { decisionId: string }) => d.decisionId === councilApproval)).toMatchObject({ counts: true, annulmentId, reversedOn: '2024-05-02' });
  });

  it('as known before the reversal was recorded, the agreement stayed out of force', async () => {
    expect(await get(`/agreements/${ID}/status?asOf=2024-06-01&knownAt=${beforeReversal}`)).toMatchObject({ inForce: false });
  });

  it('refuses a second reversal (422) and an annulment the agreement does not have (404), appending nothing', async () => {
    const before = await stream();
    expect(await post(`/agreements/${ID}/annulments/${annulmentId}/reversal`, reversal)).toMatchObject({
      status: 422,
      body: { type: 'urn:agreement-ledger:problem:annulment-already-reversed' },
    });
    expect((await post(`/agreements/${ID}/annulments/${councilApproval}/reversal`, reversal)).status).toBe(404);
    expect((await post(`/agreements/${ID}/annulments/not%20an%20id/reversal`, reversal)).status).toBe(404);
    expect(await stream()).toEqual(before);
  });

  it('the annulled decision can be annulled anew once the first annulment is reversed', async () => {
    const again = await post(`/agreements/${ID}/annulments`, { ...annulment(councilApproval), annulledOn: '2024-06-03' });
    expect(again.status).toBe(201);
    expect(await get(`/agreements/${ID}/status?asOf=2024-06-03`)).toMatchObject({ inForce: false });
  });
});

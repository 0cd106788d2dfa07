/**
 * A party's bodies over real HTTP: its competent body under another official name or another
 * spelling counts, a body it does not list is refused naming the ones it knows, and an amendment
 * revises a party's bodies without removing it.
 */
import { agreementStreamId } from '../src/core/stream-names.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { county, kotka } = kymenlaaksoParties;
const ID = 'kymenlaakso-kaksikielinen-2024';
const SHA = 'cd'.repeat(32);

describe("a party's competent body, its other names and its other bodies", () => {
  let t: TestApp;
  let store: EventStore;
  let last = '';
  const stream = () => store.readStream(agreementStreamId(ID));
  const post = async (path: string, json: unknown) => {
    const res = await t.call(path, { method: 'POST', token: t.adminToken, json });
    const body = (await res.json()) as any;
    if (res.status === 201) last = body.position;
    return { status: res.status, body };
  };
  const get = async (path: string) => (await (await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token: t.adminToken })).json()) as any;
  const decision = (partyId: string, body: string, outcome = 'approved', version = 1) => ({ partyId, body, outcome, version, decidedOn: '2024-03-04', meeting: { section: '§ 12' } });

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    // Kotka as a bilingual town would list itself; the county leaves competentBodyKind out.
    const { competentBodyKind: _council, ...countyAsSent } = county;
    const bilingualKotka = { ...kotka, bodyAliases: ['Kotka stadsfullmäktige'] };
    const draft = { agreementId: ID, title: 'Kaksikielinen yhteistyösopimus', region: 'Kymenlaakso', kind: 'other', parties: [countyAsSent, bilingualKotka], document: { title: 'Sopimus', sha256: SHA }, annexes: [] };
    expect((await post('/agreements', draft)).status).toBe(201);
  });
  afterAll(async () => t.close());

  it('keeps each party with its bodies; a competent body is a council unless said otherwise', async () => {
    const [version1] = await get(`/agreements/${ID}/versions`);
    expect(version1.parties[0]).toMatchObject({ competentBody: county.competentBody, competentBodyKind: 'council', otherBodies: county.otherBodies });
    expect(version1.parties[1]).toMatchObject({ competentBodyKind: 'council', bodyAliases: ['Kotka stadsfullmäktige'], otherBodies: ['Kotkan kaupunginhallitus'] });
  });

  it('refuses a body the party does not list: 422 unknown-body with the names it knows, nothing appended', async () => {
    const before = await stream();
    const refused = await post(`/agreements/${ID}/decisions`, decision(kotka.partyId, 'Kotkan sivistyslautakunta'));
    expect(refused).toMatchObject({
      status: 422,
      body: {
        type: 'urn:agreement-ledger:problem:unknown-body',
        errors: [{ field: 'body' }],
        knownBodies: ['Kotkan kaupunginvaltuusto', 'Kotka stadsfullmäktige', 'Kotkan kaupunginhallitus'],
      },
    });
    expect(await stream()).toEqual(before);
  });

  it("counts the council's approval under its Swedish name with a trailing space, never the board's", async () => {
    expect((await post(`/agreements/${ID}/decisions`, decision(kotka.partyId, 'Kotkan kaupunginhallitus', 'proposed'))).status).toBe(201);
    expect((await post(`/agreements/${ID}/decisions`, decision(kotka.partyId, 'kotka   Stadsfullmäktige '))).status).toBe(201);
    expect((await post(`/agreements/${ID}/decisions`, decision(county.partyId, county.competentBody))).status).toBe(201);
    for (const [party, signedOn] of [[county, '2024-03-11'], [kotka, '2024-03-12']] as const) {
      expect((await post(`/agreements/${ID}/signatures`, { partyId: party.partyId, version: 1, signatory: { name: 'Johtaja', title: 'johtaja' }, signedOn, method: 'handwritten' })).status).toBe(201);
    }
    expect(await get(`/agreements/${ID}/status?asOf=2024-03-12`)).toMatchObject({ inForceVersion: 1, inForceSince: '2024-03-12' });
    const [version1] = await get(`/agreements/${ID}/versions?asOf=2024-03-12`);
    expect(version1.decisions.map((d: { body: string; counts: boolean }) => [d.body, d.counts])).toEqual([
      ['Kotkan kaupunginhallitus', false],
      ['kotka Stadsfullmäktige', true],
      [county.competentBody, true],
    ]);
  });

  it('an amendment revises a party\'s bodies in place: the new version judges decisions by them', async () => {
    const revision = { op: 'revise-party', partyId: kotka.partyId, otherBodies: ['Kotkan kaupunginhallitus', 'Kotkan sivistyslautakunta'] };
    expect((await post(`/agreements/${ID}/amendments`, { basedOn: 1, summary: 'Lautakunta lisätty', changes: [revision] })).status).toBe(201);
    const [, version2] = await get(`/agreements/${ID}/versions`);
    expect(version2.parties.map((p: { partyId: string }) => p.partyId)).toEqual([county.partyId, kotka.partyId]);
    expect(version2.parties[1].otherBodies).toEqual(['Kotkan kaupunginhallitus', 'Kotkan sivistyslautakunta']);
    expect((await post(`/agreements/${ID}/decisions`, decision(kotka.partyId, 'Kotkan sivistyslautakunta', 'noted', 2))).status).toBe(201);
    expect((await post(`/agreements/${ID}/decisions`, decision(kotka.partyId, 'Kotkan sivistyslautakunta', 'noted', 1))).status).toBe(422);
  });

  it('refuses a revise-party that names nothing to change, or lists a body twice (422)', async () => {
    const before = await stream();
    for (const change of [
      { op: 'revise-party', partyId: kotka.partyId },
      { op: 'revise-party', partyId: kotka.partyId, bodyAliases: ['Kotkan kaupunginhallitus'] },
    ]) {
      expect((await post(`/agreements/${ID}/amendments`, { basedOn: 2, summary: 'x', changes: [change] })).status).toBe(422);
    }
    expect((await post(`/agreements/${ID}/amendments`, { basedOn: 2, summary: 'x', changes: [{ op: 'revise-party', partyId: kotka.partyId, competentBodyKind: 'assembly' }] })).status).toBe(400);
    expect(await stream()).toEqual(before);
  });
});

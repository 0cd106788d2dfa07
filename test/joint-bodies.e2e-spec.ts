/**
 * Joint bodies over real HTTP: a draft names the regional negotiation committee of its parties, the
 * regional administration records the committee's decisions (never counting), clerks may not,
 * and a body naming both a party and a joint body, or neither, is refused with nothing appended.
 */
import { agreementStreamId } from '../src/core/stream-names.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { page, signIn, siteOf } from './support/dashboard-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { county, kotka, hamina } = kymenlaaksoParties;
const ID = 'kymenlaakso-alueneuvottelukunta-2024';
const COMMITTEE = 'Kymenlaakson alueneuvottelukunta';
const SHA = 'ab'.repeat(32);

describe('joint bodies', () => {
  let t: TestApp;
  let store: EventStore;
  let last = '';
  const stream = () => store.readStream(agreementStreamId(ID));
  const post = async (path: string, json: unknown, token = t.adminToken) => {
    const res = await t.call(path, { method: 'POST', token, json });
    const body = (await res.json()) as any;
    if (res.status === 201) last = body.position;
    return { status: res.status, body };
  };
  const get = async (path: string) => (await (await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token: t.adminToken })).json()) as any;
  const committeeDecision = (extra: Record<string, unknown> = {}) => ({ jointBody: COMMITTEE, outcome: 'approved', version: 1, decidedOn: '2024-03-22', meeting: { section: '§ 14' }, ...extra });

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    const draft = {
      agreementId: ID,
      title: 'Strateginen yhteistyösopimus',
      region: 'Kymenlaakso',
      kind: 'strategic-cooperation',
      parties: [county, kotka, hamina],
      document: { title: 'Sopimus', sha256: SHA },
      annexes: [],
      jointBodies: [{ name: COMMITTEE, members: [county.partyId, kotka.partyId, hamina.partyId] }],
    };
    expect((await post('/agreements', draft)).status).toBe(201);
  });
  afterAll(async () => t.close());

  it("the regional administration records the committee's decision; it is shown under no party and never counts", async () => {
    const recorded = await post(`/agreements/${ID}/decisions`, committeeDecision({ jointBody: ' kymenlaakson  ALUENEUVOTTELUKUNTA' }));
    expect(recorded.status).toBe(201);
    const [version1] = await get(`/agreements/${ID}/versions?asOf=2024-04-01`);
    expect(version1.jointBodies).toEqual([{ name: COMMITTEE, members: [county.partyId, kotka.partyId, hamina.partyId] }]);
    expect(version1.decisions).toMatchObject([{ decisionId: recorded.body.eventId, partyId: null, jointBody: COMMITTEE, body: COMMITTEE, outcome: 'approved', counts: false }]);
    const status = await get(`/agreements/${ID}/status?asOf=2024-04-01`);
    expect(status).toMatchObject({ inForce: false, finalSince: null });
    expect(status.pending.map((p: { approval: string }) => p.approval)).toEqual(['missing', 'missing', 'missing']);
    expect((await get(`/parties/${kotka.partyId}/pending`)).map((p: { agreementId: string; missing: string[] }) => [p.agreementId, p.missing])).toContainEqual([ID, ['approval', 'signature']]);
    const [event] = (await get(`/agreements/${ID}/events`)).filter((e: { eventId: string }) => e.eventId === recorded.body.eventId);
    expect(event).toMatchObject({ type: 'DecisionRecorded', data: { jointBody: COMMITTEE }, metadata: { schemaVersion: 3 } });
    expect(event.data).not.toHaveProperty('partyId');
    // The dashboard lists it under the matrix of parties, in no party's row.
    const site = siteOf(t);
    const { status: shown, body: html } = await page(`${site}/agreements/${ID}?asOf=2024-04-01&lang=en`, await signIn(site, t.adminToken));
    expect(shown).toBe(200);
    const section = html.slice(html.indexOf('id="joint-decisions"'));
    expect(section).toContain(`${COMMITTEE}: `);
    expect(section).toContain('§ 14');
    expect(html.slice(0, html.indexOf('id="joint-decisions"'))).not.toContain(`${COMMITTEE}: `);
  });

  it("a clerk may neither record nor annul a joint body's decision: 403, nothing appended", async () => {
    const clerk = t.createToken({ role: 'clerk', partyId: kotka.partyId, name: 'Kotkan kirjaamo' });
    const before = await stream();
    expect((await post(`/agreements/${ID}/decisions`, committeeDecision(), clerk)).status).toBe(403);
    const [version1] = await get(`/agreements/${ID}/versions`);
    const decisionId = version1.decisions[0].decisionId;
    expect((await post(`/agreements/${ID}/annulments`, { decisionId, annulledOn: '2024-04-02', authority: 'Hämeenlinnan hallinto-oikeus', reason: 'Esteellisyys' }, clerk)).status).toBe(403);
    expect(await stream()).toEqual(before);
  });

  it('refuses both forms or neither, and a joint body the version lacks: 422 naming the field, nothing appended', async () => {
    const before = await stream();
    const both = await post(`/agreements/${ID}/decisions`, committeeDecision({ partyId: kotka.partyId, body: kotka.competentBody }));
    expect(both).toMatchObject({ status: 422, body: { type: 'urn:agreement-ledger:problem:party-or-joint-body', errors: [{ field: 'jointBody' }] } });
    const { jointBody: _none, ...neither } = committeeDecision();
    expect(await post(`/agreements/${ID}/decisions`, neither)).toMatchObject({ status: 422, body: { errors: [{ field: 'partyId' }] } });
    const unknown = await post(`/agreements/${ID}/decisions`, committeeDecision({ jointBody: 'Kymenlaakson liiton maakuntahallitus' }));
    expect(unknown).toMatchObject({ status: 422, body: { type: 'urn:agreement-ledger:problem:unknown-body', errors: [{ field: 'jointBody' }], knownBodies: [COMMITTEE] } });
    expect(await stream()).toEqual(before);
  });

  it("refuses removing a committee member until the committee is removed; a joint body's decision is annulled like any, still never counting", async () => {
    const before = await stream();
    const removeHamina = { basedOn: 1, summary: 'Hamina eroaa', changes: [{ op: 'remove-party', partyId: hamina.partyId }] };
    expect(await post(`/agreements/${ID}/amendments`, removeHamina)).toMatchObject({ status: 422, body: { type: 'urn:agreement-ledger:problem:member-of-joint-body', errors: [{ field: 'changes[0].partyId' }] } });
    expect(await stream()).toEqual(before);
    const reconstituted = {
      basedOn: 1,
      summary: 'Hamina eroaa; alueneuvottelukunta ilman Haminaa',
      changes: [
        { op: 'remove-joint-body', name: COMMITTEE },
        { op: 'add-joint-body', jointBody: { name: COMMITTEE, members: [county.partyId, kotka.partyId] } },
        { op: 'remove-party', partyId: hamina.partyId },
      ],
    };
    expect((await post(`/agreements/${ID}/amendments`, reconstituted)).status).toBe(201);
    const [, version2] = await get(`/agreements/${ID}/versions`);
    expect(version2.jointBodies).toEqual([{ name: COMMITTEE, members: [county.partyId, kotka.partyId] }]);
    const [version1] = await get(`/agreements/${ID}/versions`);
    const annulled = await post(`/agreements/${ID}/annulments`, { decisionId: version1.decisions[0].decisionId, annulledOn: '2024-04-02', authority: 'Hämeenlinnan hallinto-oikeus', reason: 'Esteellisyys' });
    expect(annulled.status).toBe(201);
    const [after] = await get(`/agreements/${ID}/versions?asOf=2024-05-01`);
    expect(after.decisions[0]).toMatchObject({ jointBody: COMMITTEE, counts: false, annulledOn: '2024-04-02', annulmentId: annulled.body.eventId });
  });
});

/**
 * Seed 003 over real HTTP: Etelä-Savo's cooperation model, a cooperation-model agreement made of
 * obligations, in force from 1.6.2023; its negotiations recorded as fulfilments by the county, by
 * the municipalities' clerks and by the regional administration; every refusal leaves the stream
 * as it was.
 */
import { agreementStreamId } from '../src/core/stream-names.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { ETELA_SAVO_ID, etelaSavoFulfilmentCommands, etelaSavoModelCommands, etelaSavoParties, obligationsOfModel } from './fixtures/etela-savo.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ID = ETELA_SAVO_ID;
const { county, liitto, mikkeli, savonlinna, pieksamaki, juva, kangasniemi } = etelaSavoParties;
const { municipal, joint, wellbeing } = obligationsOfModel;
const fulfilments = (obligationId: string) => `/agreements/${ID}/obligations/${obligationId}/fulfilments`;

describe('Etelä-Savo: a cooperation model made of obligations', () => {
  let t: TestApp;
  let store: EventStore;
  let last = '';
  /** The log position after each fulfilment of the fixture, in order. */
  const heldAt: string[] = [];
  const stream = () => store.readStream(agreementStreamId(ID));
  const post = async (path: string, json: unknown, token = t.adminToken) => {
    const res = await t.call(path, { method: 'POST', token, json });
    const body = (await res.json()) as any;
    if (res.status === 201) last = body.position;
    return { status: res.status, body };
  };
  const get = async (path: string, token = t.adminToken) => {
    const res = await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    for (const command of [...etelaSavoModelCommands(), ...etelaSavoFulfilmentCommands()]) {
      const { path, body } = toHttpRequest(command);
      const res = await post(path, body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      if (command.type === 'FulfilObligation') heldAt.push(last);
    }
  });
  afterAll(async () => t.close());

  it('is in force from the last signature, as any agreement, and its versions list the obligations', async () => {
    expect((await get(`/agreements/${ID}/status?asOf=2023-06-01`)).body).toMatchObject({ inForce: true, inForceSince: '2023-05-31' });
    const [version1] = (await get(`/agreements/${ID}/versions`)).body;
    expect(version1.obligations.map((o: { obligationId: string }) => o.obligationId)).toEqual(['kuntakohtainen-neuvottelu', 'etela-savon-neuvottelu', 'hyte-neuvottelu']);
    expect((await get(`/agreements/${ID}`)).body).toMatchObject({ kind: 'cooperation-model' });
  });

  it("answers which municipality the county has not negotiated with this term", async () => {
    const { status, body } = await get('/obligations?region=Etel%C3%A4-Savo&status=due&asOf=2025-03-01');
    expect(status).toBe(200);
    const notMet = body.items.filter((row: { obligationId: string }) => row.obligationId === municipal.obligationId);
    expect(notMet).toEqual([
      expect.objectContaining({ agreementId: ID, partyId: juva.partyId, partyName: 'Juvan kunta', convener: county.partyId, from: '2022-03-01', to: '2025-05-31', status: 'due', fulfilment: null }),
      expect.objectContaining({ partyId: kangasniemi.partyId, partyName: 'Kangasniemen kunta', status: 'due' }),
    ]);
    const overdue = (await get('/obligations?status=overdue&asOf=2025-06-15')).body.items.filter((row: { obligationId: string }) => row.obligationId === municipal.obligationId);
    expect(overdue.map((row: { partyId: string }) => row.partyId)).toEqual([juva.partyId, kangasniemi.partyId]);
  });

  it('gives each obligation per period and party, with the fulfilment that met it', async () => {
    const { body } = await get(`/agreements/${ID}/obligations?asOf=2025-03-01`);
    expect(body).toMatchObject({ agreementId: ID, asOf: '2025-03-01', version: 1 });
    const [term] = body.items.find((i: { obligationId: string }) => i.obligationId === municipal.obligationId).periods;
    expect(term).toMatchObject({ from: '2022-03-01', to: '2025-05-31', status: 'due' });
    expect(term.parties.map((p: { partyId: string; status: string }) => [p.partyId, p.status])).toEqual([
      [mikkeli.partyId, 'met'],
      [savonlinna.partyId, 'met'],
      [pieksamaki.partyId, 'met'],
      [juva.partyId, 'due'],
      [kangasniemi.partyId, 'due'],
    ]);
    expect(term.parties[0].fulfilment).toEqual({ eventId: expect.any(String), heldOn: '2023-10-16' });
    const jointPeriods = body.items.find((i: { obligationId: string }) => i.obligationId === joint.obligationId).periods;
    expect(jointPeriods).toMatchObject([{ status: 'met', parties: [{ fulfilment: { heldOn: '2023-11-20' } }, {}, {}, {}, {}, {}] }]);
    const annual = body.items.find((i: { obligationId: string }) => i.obligationId === wellbeing.obligationId).periods;
    expect(annual.map((p: { from: string; status: string }) => [p.from, p.status])).toEqual([
      ['2023-01-01', 'met'],
      ['2024-01-01', 'met'],
      ['2025-01-01', 'due'],
    ]);
  });

  it('as known before Pieksämäki’s negotiation was recorded, Pieksämäki was still due', async () => {
    const { body } = await get(`/agreements/${ID}/obligations?asOf=2025-03-01&knownAt=${heldAt[3]}`);
    const [term] = body.items.find((i: { obligationId: string }) => i.obligationId === municipal.obligationId).periods;
    expect(term.parties.find((p: { partyId: string }) => p.partyId === pieksamaki.partyId)).toMatchObject({ status: 'due', fulfilment: null });
    const rows = (await get(`/obligations?status=due&asOf=2025-03-01&knownAt=${heldAt[3]}`)).body.items;
    expect(rows.filter((r: { obligationId: string }) => r.obligationId === municipal.obligationId).map((r: { partyId: string }) => r.partyId)).toEqual([pieksamaki.partyId, juva.partyId, kangasniemi.partyId]);
  });

  it('scopes the list like the agreement list: a clerk sees its party’s agreements, a region admin its region', async () => {
    const juvaClerk = t.createToken({ role: 'clerk', partyId: juva.partyId, name: 'Juvan kirjaamo' });
    const otherClerk = t.createToken({ role: 'clerk', partyId: '9930003-5', name: 'Muu kirjaamo' });
    const otherAdmin = t.createToken({ role: 'admin', region: 'Kymenlaakso', name: 'Kymenlaakso' });
    expect((await get('/obligations?asOf=2025-03-01', juvaClerk)).body.total).toBeGreaterThan(0);
    expect((await get('/obligations?asOf=2025-03-01', otherClerk)).body).toEqual({ items: [], total: 0 });
    expect((await get('/obligations?asOf=2025-03-01', otherAdmin)).body).toEqual({ items: [], total: 0 });
    expect((await get(`/agreements/${ID}/obligations`, otherAdmin)).status).toBe(404);
    const juvas = (await get(`/obligations?asOf=2025-03-01&partyId=${juva.partyId}`)).body.items;
    expect(new Set(juvas.map((r: { partyId: string }) => r.partyId))).toEqual(new Set([juva.partyId]));
    const convened = (await get(`/obligations?asOf=2025-03-01&partyId=${county.partyId}&limit=2&offset=1`)).body;
    expect(convened.items).toHaveLength(2);
    expect(convened.total).toBe((await get('/obligations?asOf=2025-03-01')).body.total);
  });

  it('refuses a bad query naming the field (400)', async () => {
    for (const [query, field] of [
      ['status=pending', 'status'],
      ['asOf=2025-02-30', 'asOf'],
      ['partyId=1234567-8', 'partyId'],
      ['limit=0', 'limit'],
    ] as const) {
      const refused = await get(`/obligations?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await get(`/agreements/${ID}/obligations?knownAt=yesterday`)).status).toBe(400);
  });

  it('records each fulfilment as ObligationFulfilled, answering its eventId', async () => {
    const events = (await stream()).filter((e) => e.type === 'ObligationFulfilled');
    expect(events).toHaveLength(6);
    expect(events[1]).toMatchObject({ data: { obligationId: municipal.obligationId, heldOn: '2023-10-16', parties: [county.partyId, mikkeli.partyId] } });
    const held = await post(fulfilments(municipal.obligationId), { heldOn: '2025-09-01', parties: [county.partyId, juva.partyId], minutesUrl: 'https://example.fi/juva/poytakirja' });
    expect(held).toMatchObject({ status: 201, body: { agreementId: ID, version: 1 } });
    expect((await stream()).at(-1)).toMatchObject({ eventId: held.body.eventId, type: 'ObligationFulfilled', data: { minutesUrl: 'https://example.fi/juva/poytakirja' } });
  });

  it('refuses who met not being who must, naming the field (422), and an obligation no version lists (404), appending nothing', async () => {
    const before = await stream();
    for (const [path, body, code, field] of [
      [fulfilments(municipal.obligationId), { heldOn: '2024-03-01', parties: [county.partyId, liitto.partyId] }, 'party-not-concerned', 'parties[1]'],
      [fulfilments(municipal.obligationId), { heldOn: '2024-03-01', parties: [mikkeli.partyId] }, 'incomplete-fulfilment', 'parties'],
      [fulfilments(joint.obligationId), { heldOn: '2024-03-01', parties: [county.partyId, mikkeli.partyId] }, 'incomplete-fulfilment', 'parties'],
      [fulfilments(municipal.obligationId), { heldOn: '2024-03-01', parties: [county.partyId, juva.partyId, juva.partyId] }, 'duplicate-party', 'parties[2]'],
      [fulfilments(municipal.obligationId), { heldOn: '2999-01-01', parties: [county.partyId, juva.partyId] }, 'date-in-future', 'heldOn'],
    ] as const) {
      expect(await post(path, body)).toMatchObject({ status: 422, body: { type: `urn:agreement-ledger:problem:${code}`, errors: [{ field }] } });
    }
    expect(await post(fulfilments('hyvinvointikertomus'), { heldOn: '2024-03-01', parties: [county.partyId, juva.partyId] })).toMatchObject({ status: 404 });
    expect((await post(fulfilments('ei%20tunnus'), { heldOn: '2024-03-01', parties: [county.partyId, juva.partyId] })).status).toBe(404);
    expect((await post('/agreements/ei-ole/obligations/x/fulfilments', { heldOn: '2024-03-01', parties: [county.partyId] })).status).toBe(404);
    expect(await stream()).toEqual(before);
  });

  it('refuses a malformed body naming the field (400), appending nothing', async () => {
    const before = await stream();
    for (const [body, field] of [
      [{ heldOn: '2024-02-30', parties: [county.partyId, juva.partyId] }, 'heldOn'],
      [{ heldOn: '2024-03-01', parties: [] }, 'parties'],
      [{ heldOn: '2024-03-01', parties: [county.partyId, '1234567-8'] }, 'parties'],
      [{ heldOn: '2024-03-01' }, 'parties'],
      [{ heldOn: '2024-03-01', parties: [county.partyId, juva.partyId], minutesUrl: 'ftp://x' }, 'minutesUrl'],
      [{ heldOn: '2024-03-01', parties: [county.partyId, juva.partyId], extra: 1 }, 'extra'],
    ] as const) {
      const refused = await post(fulfilments(municipal.obligationId), body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await stream()).toEqual(before);
  });

  it("a clerk records only meetings its party took part in (403 otherwise); an auditor records none", async () => {
    const before = await stream();
    const juvaClerk = t.createToken({ role: 'clerk', partyId: juva.partyId, name: 'Juvan kirjaamo' });
    const auditor = t.createToken({ role: 'auditor', name: 'Tilintarkastaja' });
    expect((await post(fulfilments(municipal.obligationId), { heldOn: '2024-03-01', parties: [county.partyId, kangasniemi.partyId] }, juvaClerk)).status).toBe(403);
    expect((await post(fulfilments(municipal.obligationId), { heldOn: '2024-03-01', parties: [county.partyId, kangasniemi.partyId] }, auditor)).status).toBe(403);
    expect(await stream()).toEqual(before);
    const kangasniemiClerk = t.createToken({ role: 'clerk', partyId: kangasniemi.partyId, name: 'Kangasniemen kirjaamo' });
    expect((await post(fulfilments(municipal.obligationId), { heldOn: '2025-10-01', parties: [county.partyId, kangasniemi.partyId] }, kangasniemiClerk)).status).toBe(201);
  });
});

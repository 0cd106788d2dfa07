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
const { county, liitto, mikkeli, juva, kangasniemi } = etelaSavoParties;
const { municipal, joint } = obligationsOfModel;
const fulfilments = (obligationId: string) => `/agreements/${ID}/obligations/${obligationId}/fulfilments`;

describe('Etelä-Savo: a cooperation model made of obligations', () => {
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
    }
  });
  afterAll(async () => t.close());

  it('is in force from the last signature, as any agreement, and its versions list the obligations', async () => {
    expect((await get(`/agreements/${ID}/status?asOf=2023-06-01`)).body).toMatchObject({ inForce: true, inForceSince: '2023-05-31' });
    const [version1] = (await get(`/agreements/${ID}/versions`)).body;
    expect(version1.obligations.map((o: { obligationId: string }) => o.obligationId)).toEqual(['kuntakohtainen-neuvottelu', 'etela-savon-neuvottelu', 'hyte-neuvottelu']);
    expect((await get(`/agreements/${ID}`)).body).toMatchObject({ kind: 'cooperation-model' });
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

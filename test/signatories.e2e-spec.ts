/**
 * A party signing with several signatories, over real HTTP: each signatory's signature is its own
 * (201), the same signatory again is a no-op (200) or, with other content, a conflict (422);
 * status and versions show every signatory.
 */
import { agreementStreamId } from '../src/core/stream-names.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { kymenlaaksoCommands, kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { kotka } = kymenlaaksoParties;
const ID = 'kymenlaakso-allekirjoittajat';

describe('several signatories of one party over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  const post = (path: string, json: unknown) => t.call(path, { method: 'POST', token: t.adminToken, json });
  const get = async (path: string) => (await t.call(path, { token: t.adminToken })).json() as Promise<any>;
  const mayor = { partyId: kotka.partyId, version: 1, signatory: { name: 'Esa Sirviö', title: 'kaupunginjohtaja' }, signedOn: '2023-11-28', method: 'electronic', evidence: 'Visma Sign 51f0' };
  const chair = { partyId: kotka.partyId, version: 1, signatory: { name: 'Hanna Kotkanen', title: 'kaupunginhallituksen puheenjohtaja' }, signedOn: '2023-11-29', method: 'handwritten' };

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    // The Kymenlaakso agreement as drafted and approved, not yet signed.
    for (const command of kymenlaaksoCommands().filter((c) => c.type !== 'SignAgreement')) {
      const { path, body } = toHttpRequest(command);
      const res = await post(path.replace('kymenlaakso-strateginen-2023', ID), command.type === 'DraftAgreement' ? { ...body, agreementId: ID } : body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    }
  });
  afterAll(async () => t.close());

  it('each signatory signs once: another is another signature, the same again a no-op, the same with other content a conflict', async () => {
    expect((await post(`/agreements/${ID}/signatures`, mayor)).status).toBe(201);
    expect((await post(`/agreements/${ID}/signatures`, chair)).status).toBe(201);
    const before = await store.readStream(agreementStreamId(ID));

    const again = await post(`/agreements/${ID}/signatures`, { ...mayor, signatory: { ...mayor.signatory, name: ' esa  SIRVIÖ' } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ revision: before.length - 1, eventId: before[before.length - 1]!.eventId });

    const other = await post(`/agreements/${ID}/signatures`, { ...chair, signedOn: '2023-11-30' });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ type: 'urn:agreement-ledger:problem:signature-conflict' });
    expect(await store.readStream(agreementStreamId(ID))).toEqual(before);
  });

  it('status lists the signatories by asOf; the version lists every one', async () => {
    const { position } = (await (await post(`/agreements/${ID}/signatures`, { ...chair, partyId: kymenlaaksoParties.hamina.partyId })).json()) as { position: string };
    const kotkaOn = async (asOf: string) =>
      ((await get(`/agreements/${ID}/status?asOf=${asOf}&minPosition=${position}`)).pending as Array<{ partyId: string }>).find((p) => p.partyId === kotka.partyId);
    expect(await kotkaOn('2023-11-27')).toMatchObject({ approval: 'approved', signature: 'missing', signatories: [] });
    expect(await kotkaOn('2023-11-28')).toMatchObject({ signature: 'signed', signatories: [{ name: 'Esa Sirviö', title: 'kaupunginjohtaja', signedOn: '2023-11-28', method: 'electronic' }] });
    expect((await kotkaOn('2024-01-01'))!).toMatchObject({ signatories: [{ name: 'Esa Sirviö' }, { name: 'Hanna Kotkanen', signedOn: '2023-11-29', method: 'handwritten' }] });
    const [version1] = await get(`/agreements/${ID}/versions`);
    expect(version1.signatures.map((s: { partyId: string; signatory: { name: string } }) => [s.partyId, s.signatory.name])).toEqual([
      [kotka.partyId, 'Esa Sirviö'],
      [kotka.partyId, 'Hanna Kotkanen'],
      [kymenlaaksoParties.hamina.partyId, 'Hanna Kotkanen'],
    ]);
  });
});

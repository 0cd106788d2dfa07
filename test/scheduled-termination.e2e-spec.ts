/**
 * A termination agreed in advance, over real HTTP: until its effectiveOn the agreement takes every
 * command dated before it; from then on commands are refused; one termination stands at a time,
 * and until it takes effect it can be withdrawn (DELETE …/termination), which voids it.
 */
import { agreementStreamId } from '../src/core/stream-names.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { decisionBody } from './support/decision-body.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** A Helsinki date `days` from today: the server judges undated commands by it. */
function helsinkiDatePlus(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + days * 86_400_000));
}

describe('a scheduled termination over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  let n = 0;
  const post = (path: string, json: unknown) => t.call(path, { method: 'POST', token: t.adminToken, json });
  const stream = (id: string) => store.readStream(agreementStreamId(id));

  /** A fresh copy of the Kymenlaakso draft; the fixture's decisions fall in autumn 2023. */
  async function drafted(): Promise<string> {
    const id = `irtisanominen-${++n}-${Date.now().toString(36)}`;
    const { body } = toHttpRequest(kymenlaaksoCommands()[0]!);
    expect((await post('/agreements', { ...body, agreementId: id })).status).toBe(201);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => t.close());

  it('accepts decisions dated before effectiveOn and refuses those dated on or after it', async () => {
    const id = await drafted();
    expect((await post(`/agreements/${id}/termination`, { effectiveOn: '2023-11-20', reason: 'Korvataan uudella sopimuksella' })).status).toBe(201);
    expect((await post(`/agreements/${id}/decisions`, decisionBody({ decidedOn: '2023-11-19' }))).status).toBe(201);
    const before = await stream(id);
    const late = await post(`/agreements/${id}/decisions`, decisionBody({ decidedOn: '2023-11-20' }));
    expect(late.status).toBe(422);
    expect(await late.json()).toMatchObject({ type: 'urn:agreement-ledger:problem:agreement-terminated', errors: [{ field: 'decidedOn' }] });
    expect(await stream(id)).toEqual(before);
  });

  it('while effectiveOn lies ahead, takes amendments and today’s signatures', async () => {
    const id = await drafted();
    expect((await post(`/agreements/${id}/termination`, { effectiveOn: helsinkiDatePlus(30), reason: 'Irtisanottu' })).status).toBe(201);
    const amendment = { basedOn: 1, summary: 'Asiakirja päivitetty', changes: [{ op: 'revise-document', sha256: 'cd'.repeat(32) }] };
    expect((await post(`/agreements/${id}/amendments`, amendment)).status).toBe(201);
    const signature = { partyId: decisionBody().partyId, version: 2, signatory: { name: 'Esa Sirviö', title: 'kaupunginjohtaja' }, signedOn: helsinkiDatePlus(0), method: 'electronic' };
    expect((await post(`/agreements/${id}/signatures`, signature)).status).toBe(201);
  });

  it('refuses a second termination while one stands', async () => {
    const id = await drafted();
    expect((await post(`/agreements/${id}/termination`, { effectiveOn: helsinkiDatePlus(30), reason: 'Irtisanottu' })).status).toBe(201);
    const second = await post(`/agreements/${id}/termination`, { effectiveOn: helsinkiDatePlus(10), reason: 'Aiemmin' });
    expect(second.status).toBe(422);
    expect(await second.json()).toMatchObject({ type: 'urn:agreement-ledger:problem:termination-standing' });
    expect(await stream(id)).toHaveLength(2);
  });

  describe('withdrawing it', () => {
    const withdraw = (id: string, reason = 'Irtisanominen peruttu: neuvottelut jatkuvat', token = t.adminToken) =>
      t.call(`/agreements/${id}/termination`, { method: 'DELETE', token, json: { reason } });

    it('answers 200 with the command response; the termination is void, so another may be recorded', async () => {
      const id = await drafted();
      expect((await post(`/agreements/${id}/termination`, { effectiveOn: helsinkiDatePlus(30), reason: 'Irtisanottu' })).status).toBe(201);
      const res = await withdraw(id);
      expect(res.status).toBe(200);
      const events = await stream(id);
      expect(events.map((e) => e.type)).toEqual(['AgreementDrafted', 'AgreementTerminated', 'TerminationWithdrawn']);
      expect(await res.json()).toEqual({ agreementId: id, version: 1, revision: 2, position: events[2]!.position, eventId: events[2]!.eventId });
      expect(res.headers.get('etag')).toBe('"2"');
      expect(events[2]!.data).toEqual({ reason: 'Irtisanominen peruttu: neuvottelut jatkuvat' });
      const status = await t.call(`/agreements/${id}/status?asOf=${helsinkiDatePlus(60)}&minPosition=${events[2]!.position}`, { token: t.adminToken });
      expect(await status.json()).toMatchObject({ terminatedOn: null, latestVersionState: 'pending' });
      // Nothing stands now: a new termination may be recorded.
      expect((await post(`/agreements/${id}/termination`, { effectiveOn: helsinkiDatePlus(90), reason: 'Irtisanottu uudelleen' })).status).toBe(201);
    });

    it('is refused once the termination has taken effect, and when none stands', async () => {
      const id = await drafted();
      expect((await withdraw(id)).status).toBe(422);
      expect((await post(`/agreements/${id}/termination`, { effectiveOn: helsinkiDatePlus(0), reason: 'Irtisanottu' })).status).toBe(201);
      const late = await withdraw(id);
      expect(late.status).toBe(422);
      expect(await late.json()).toMatchObject({ type: 'urn:agreement-ledger:problem:agreement-terminated' });
      const none = await withdraw(await drafted());
      expect(await none.json()).toMatchObject({ type: 'urn:agreement-ledger:problem:no-termination-standing' });
      expect(await stream(id)).toHaveLength(2);
    });

    it('is for admins only, and needs a reason', async () => {
      const id = await drafted();
      expect((await post(`/agreements/${id}/termination`, { effectiveOn: helsinkiDatePlus(30), reason: 'Irtisanottu' })).status).toBe(201);
      const clerk = t.createToken({ role: 'clerk', partyId: decisionBody().partyId, name: 'Kotkan kirjaamo' });
      expect((await withdraw(id, 'Peruttu', clerk)).status).toBe(403);
      expect((await withdraw(id, '')).status).toBe(400);
      expect((await t.call(`/agreements/${id}/termination`, { method: 'DELETE', token: t.adminToken })).status).toBe(400);
      expect(await stream(id)).toHaveLength(2);
    });
  });
});

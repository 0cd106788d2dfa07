/**
 * The command API over real HTTP on a real store: happy paths from the seed fixtures, every
 * refusal with its status and an unchanged stream, concurrency, idempotency, the role matrix.
 */
import { derivedEventIds } from '../src/idempotency/derived-event-ids.js';
import { agreementStreamId } from '../src/core/stream-names.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore, StoredEvent } from '../src/event-store/event-store.port.js';
import { verifyChain } from '../src/core/hash-chain.js';
import { keskiPohjanmaaCommands, keskiPohjanmaaEvents, KESKI_POHJANMAA_AGREEMENT_ID } from './fixtures/keski-pohjanmaa.js';
import { kymenlaaksoCommands, kymenlaaksoEvents, kymenlaaksoParties, KYMENLAAKSO_AGREEMENT_ID } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { decisionBody } from './support/decision-body.js';
import { encoded } from './support/encoded.js';

const { county, kotka, hamina } = kymenlaaksoParties;
const SHA = 'ab'.repeat(32);

function helsinkiDatePlus(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(d);
}

function draftBody(agreementId: string, region = 'Kymenlaakso') {
  return {
    agreementId,
    title: 'Kymenlaakson hyvinvointialueen ja Kymenlaakson kuntien strateginen yhteistyösopimus',
    region,
    kind: 'strategic-cooperation',
    parties: [county, kotka, hamina],
    document: { title: 'Strateginen yhteistyösopimus', sha256: SHA },
    annexes: [{ annexId: 'B', title: 'Sopimus yhteistyöstä häiriö- ja poikkeusoloihin', sha256: SHA, publicity: 'confidential', legalBasis: 'JulkL 621/1999 24 § 1 mom. 8 k.' }],
  };
}

describe('agreement commands over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  let n = 0;
  const freshId = () => `e2e-${++n}-${Date.now().toString(36)}`;
  const stream = (id: string) => store.readStream(agreementStreamId(id));
  const post = (path: string, json: unknown, token = t.adminToken, headers: Record<string, string> = {}) =>
    t.call(path, { method: 'POST', token, json, headers });

  async function drafted(region = 'Kymenlaakso'): Promise<string> {
    const id = freshId();
    expect((await post('/agreements', draftBody(id, region))).status).toBe(201);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => t.close());

  describe('happy paths from the council minutes', () => {
    it.each([
      ['Kymenlaakso', KYMENLAAKSO_AGREEMENT_ID, kymenlaaksoCommands, kymenlaaksoEvents],
      ['Keski-Pohjanmaa (Annex B amended)', KESKI_POHJANMAA_AGREEMENT_ID, keskiPohjanmaaCommands, keskiPohjanmaaEvents],
    ] as const)('%s: every command lands with the next revision and the decider’s events', async (_name, id, commands, events) => {
      let revision = -1;
      const answers: unknown[] = [];
      for (const command of commands()) {
        const { path, body } = toHttpRequest(command);
        const res = await post(path, body, t.adminToken, { 'x-request-id': `req-${revision + 1}` });
        expect(res.status).toBe(201);
        revision++;
        expect(res.headers.get('etag')).toBe(`"${revision}"`);
        expect(res.headers.get('x-request-id')).toBe(`req-${revision}`);
        answers.push(await res.json());
      }
      const stored = await stream(id);
      expect(answers).toEqual(
        stored.map((e) => ({ agreementId: id, version: expect.any(Number), revision: e.revision, position: e.position, eventId: e.eventId })),
      );
      expect(stored.map((e) => ({ type: e.type, data: e.data }))).toEqual(events);
      expect(verifyChain(stored).valid).toBe(true);
      expect(stored[3]!.metadata).toMatchObject({
        actor: 'first admin',
        actorId: expect.stringMatching(/^token:tok_/),
        $correlationId: 'req-3',
        $causationId: 'req-3',
        schemaVersion: 3, // a DecisionRecorded: version 3 has joint bodies' decisions beside parties'
        recordedAt: stored[3]!.recordedAt,
      });
    });

    it('drafts with a generated id, answers Location, and terminates', async () => {
      const { agreementId: _omit, ...body } = draftBody('unused');
      const res = await post('/agreements', body);
      expect(res.status).toBe(201);
      const { agreementId, version } = (await res.json()) as { agreementId: string; version: number };
      expect(agreementId).toMatch(/^agr-[0-9a-f]{32}$/);
      expect(version).toBe(1);
      expect(res.headers.get('location')).toBe(`/api/agreements/${agreementId}`);
      const ended = await post(`/agreements/${agreementId}/termination`, { effectiveOn: '2030-12-31', reason: 'Korvataan uudella sopimuksella' });
      expect(ended.status).toBe(201);
      expect((await stream(agreementId)).map((e) => e.type)).toEqual(['AgreementDrafted', 'AgreementTerminated']);
    });

    it('a repeated identical signature is a no-op answered 200', async () => {
      const id = await drafted();
      const signature = { partyId: kotka.partyId, version: 1, signatory: { name: 'Esa Sirviö', title: 'kaupunginjohtaja' }, signedOn: '2023-11-20', method: 'electronic' };
      expect((await post(`/agreements/${id}/signatures`, signature)).status).toBe(201);
      const again = await post(`/agreements/${id}/signatures`, signature);
      expect(again.status).toBe(200);
      const events = await stream(id);
      expect(events).toHaveLength(2);
      expect(await again.json()).toEqual({ agreementId: id, version: 1, revision: 1, position: events[1]!.position, eventId: events[1]!.eventId });
    });
  });

  describe('refusals append nothing', () => {
    // Every row has five cells: Jest reads a sixth test parameter as a `done` callback.
    type Case = [label: string, status: number, path: (id: string) => string, body: unknown, code: string | null];
    const tomorrow = helsinkiDatePlus(1);
    const cases: Case[] = [
      ['malformed JSON', 400, (id) => `/agreements/${id}/decisions`, '{"partyId": ', null],
      ['an unknown field', 400, (id) => `/agreements/${id}/decisions`, { ...decisionBody(), extra: 1 }, null],
      ['a party id failing its check digit', 400, (id) => `/agreements/${id}/decisions`, decisionBody({ partyId: '0161999-1' }), null],
      ['a missing nested field', 400, (id) => `/agreements/${id}/decisions`, { ...decisionBody(), meeting: {} }, null],
      ['an impossible date', 400, (id) => `/agreements/${id}/decisions`, decisionBody({ decidedOn: '2023-02-30' }), null],
      ['an unknown outcome', 400, (id) => `/agreements/${id}/decisions`, decisionBody({ outcome: 'maybe' }), null],
      ['a malformed sha256', 400, (id) => `/agreements/${id}/amendments`, { basedOn: 1, summary: 'x', changes: [{ op: 'revise-document', sha256: 'ABC' }] }, null],
      ['an unknown amendment op', 400, (id) => `/agreements/${id}/amendments`, { basedOn: 1, summary: 'x', changes: [{ op: 'rename', title: 'y' }] }, null],
      ['a confidential annex without legal basis', 400, (id) => `/agreements/${id}/amendments`, { basedOn: 1, summary: 'x', changes: [{ op: 'add-annex', annexId: 'C', title: 'Valmiussuunnitelma', sha256: SHA, publicity: 'confidential' }] }, null],
      ['a date in the future (Helsinki)', 422, (id) => `/agreements/${id}/decisions`, decisionBody({ decidedOn: tomorrow }), 'date-in-future'],
      ['a party the agreement does not have', 422, (id) => `/agreements/${id}/decisions`, decisionBody({ partyId: '1567535-0' }), 'unknown-party'],
      ['a version the agreement does not have', 422, (id) => `/agreements/${id}/signatures`, { partyId: kotka.partyId, version: 2, signatory: { name: 'A', title: 'B' }, signedOn: '2023-11-20', method: 'handwritten' }, 'unknown-version'],
      ['an amendment not based on the latest version', 422, (id) => `/agreements/${id}/amendments`, { basedOn: 2, summary: 'x', changes: [{ op: 'revise-document', sha256: SHA }] }, 'unknown-version'],
      ['an annulment of no decision', 422, (id) => `/agreements/${id}/annulments`, { decisionId: '0190d6a2-0000-7000-8000-000000000001', annulledOn: '2023-12-01', authority: 'Itä-Suomen hallinto-oikeus', reason: 'Esteellisyys' }, 'decision-not-found'],
      ['an annulment naming no event id', 400, (id) => `/agreements/${id}/annulments`, { decisionId: ' ', annulledOn: '2023-12-01', authority: 'Itä-Suomen hallinto-oikeus', reason: 'Esteellisyys' }, null],
      ['an annulment in the old shape (party, version, date)', 400, (id) => `/agreements/${id}/annulments`, { partyId: kotka.partyId, version: 1, decidedOn: '2023-11-13', annulledOn: '2023-12-01', authority: 'Itä-Suomen hallinto-oikeus', reason: 'Esteellisyys' }, null],
      ['a reversal of an annulment the agreement does not have', 404, (id) => `/agreements/${id}/annulments/0190d6a2-0000-7000-8000-000000000001/reversal`, { reversedOn: '2023-12-01', authority: 'Korkein hallinto-oikeus', reason: 'x' }, 'annulment-not-found'],
      ['an unknown agreement', 404, () => '/agreements/no-such-agreement/decisions', decisionBody(), null],
    ];

    it.each(cases)('%s → %i', async (_label, status, path, body, code) => {
      const id = await drafted();
      const before = await stream(id);
      const res =
        typeof body === 'string'
          ? await t.call(path(id), { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body })
          : await post(path(id), body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as { status: number; type: string; detail: string };
      expect(problem.status).toBe(status);
      expect(problem.detail.length).toBeGreaterThan(10);
      if (code) expect(problem.type).toBe(`urn:agreement-ledger:problem:${code}`);
      expect(await stream(id)).toEqual(before);
    });

    it('an amendment based on a version that is no longer the latest → 422', async () => {
      const id = await drafted();
      const amendment = { basedOn: 1, summary: 'Liite B päivitetty', changes: [{ op: 'amend-annex', annexId: 'B', sha256: 'cd'.repeat(32) }] };
      expect((await post(`/agreements/${id}/amendments`, amendment)).status).toBe(201);
      const stale = await post(`/agreements/${id}/amendments`, amendment);
      expect(stale.status).toBe(422);
      expect(await stale.json()).toMatchObject({ type: 'urn:agreement-ledger:problem:amendment-not-based-on-latest' });
      expect(await stream(id)).toHaveLength(2);
    });

    it('a second draft with a taken id → 409', async () => {
      const id = await drafted();
      const res = await post('/agreements', draftBody(id));
      expect(res.status).toBe(409);
      expect(await stream(id)).toHaveLength(1);
    });

    it('a terminated agreement refuses commands dated from its effectiveOn → 422', async () => {
      const id = await drafted();
      expect((await post(`/agreements/${id}/termination`, { effectiveOn: '2023-11-01', reason: 'Sopimus päättyy' })).status).toBe(201);
      const res = await post(`/agreements/${id}/decisions`, decisionBody());
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ type: 'urn:agreement-ledger:problem:agreement-terminated' });
      expect(await stream(id)).toHaveLength(2);
    });

    it('a signature contradicting an existing one → 422', async () => {
      const id = await drafted();
      const signature = { partyId: kotka.partyId, version: 1, signatory: { name: 'Esa Sirviö', title: 'kaupunginjohtaja' }, signedOn: '2023-11-20', method: 'electronic' };
      await post(`/agreements/${id}/signatures`, signature);
      const res = await post(`/agreements/${id}/signatures`, { ...signature, signedOn: '2023-11-21' });
      expect(res.status).toBe(422);
      expect(await stream(id)).toHaveLength(2);
    });
  });

  describe('optimistic concurrency', () => {
    it('If-Match with the current revision lands; a stale one → 412 and nothing appended', async () => {
      const id = await drafted();
      expect((await post(`/agreements/${id}/decisions`, decisionBody(), t.adminToken, { 'if-match': '"0"' })).status).toBe(201);
      const stale = await post(`/agreements/${id}/decisions`, decisionBody(), t.adminToken, { 'if-match': '"0"' });
      expect(stale.status).toBe(412);
      expect(await stream(id)).toHaveLength(2);
      expect((await post(`/agreements/${id}/decisions`, decisionBody(), t.adminToken, { 'if-match': 'soon' })).status).toBe(400);
    });
  });

  describe('idempotency keys', () => {
    it('the same key and body replays the first response and appends nothing; another body → 422', async () => {
      const id = await drafted();
      const headers = { 'idempotency-key': 'kotka-kv-2023-88' };
      const first = await post(`/agreements/${id}/decisions`, decisionBody(), t.adminToken, headers);
      const again = await post(`/agreements/${id}/decisions`, decisionBody(), t.adminToken, { 'idempotency-key': '"kotka-kv-2023-88"' });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const answer = await first.json();
      expect(await again.json()).toEqual(answer);
      expect(answer).toMatchObject({ revision: 1, eventId: (await stream(id))[1]!.eventId });
      const other = await post(`/agreements/${id}/decisions`, decisionBody({ outcome: 'rejected' }), t.adminToken, headers);
      expect(other.status).toBe(422);
      expect(await stream(id)).toHaveLength(2);
    });

    it('event ids derive from the key, so a command whose answer was lost is not appended twice', async () => {
      const id = await drafted();
      const me = (await (await t.call('/me', { token: t.adminToken })).json()) as { id: string };
      const [eventId] = derivedEventIds(me.id, 'lost-answer', 1);
      // As if the server stored the event and died before answering or remembering the key:
      await store.append(agreementStreamId(id), [encoded({ type: 'DecisionRecorded', data: { ...decisionBody(), outcome: 'approved', version: 1 } }, { eventId })]);
      const res = await post(`/agreements/${id}/decisions`, decisionBody(), t.adminToken, { 'idempotency-key': 'lost-answer' });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ revision: 1, eventId });
      const events: StoredEvent[] = await stream(id);
      expect(events).toHaveLength(2);
      expect(events[1]!.eventId).toBe(eventId);
    });

    it('keys are scoped to the caller', async () => {
      const id = await drafted();
      const clerk = t.createToken({ role: 'clerk', partyId: kotka.partyId, name: 'Kotkan kirjaamo' });
      const headers = { 'idempotency-key': 'shared-key' };
      expect((await post(`/agreements/${id}/decisions`, decisionBody(), t.adminToken, headers)).status).toBe(201);
      expect((await post(`/agreements/${id}/decisions`, decisionBody(), clerk, headers)).status).toBe(201);
      expect(await stream(id)).toHaveLength(3);
    });
  });

  describe('who may write what', () => {
    it('an auditor writes nothing: 403 on every command', async () => {
      const id = await drafted();
      const auditor = t.createToken({ role: 'auditor', name: 'Tarkastaja' });
      for (const [path, body] of [
        ['/agreements', draftBody(freshId())],
        [`/agreements/${id}/decisions`, decisionBody()],
        [`/agreements/${id}/termination`, { effectiveOn: '2024-01-01', reason: 'x' }],
      ] as const) {
        expect((await post(path, body, auditor)).status).toBe(403);
      }
      expect(await stream(id)).toHaveLength(1);
    });

    it('a clerk records for its own party only; drafts, amends and terminates nothing', async () => {
      const id = await drafted();
      const clerk = t.createToken({ role: 'clerk', partyId: kotka.partyId, name: 'Kotkan kirjaamo' });
      expect((await post(`/agreements/${id}/decisions`, decisionBody(), clerk)).status).toBe(201);
      expect((await post(`/agreements/${id}/decisions`, decisionBody({ partyId: hamina.partyId }), clerk)).status).toBe(403);
      expect((await post('/agreements', draftBody(freshId()), clerk)).status).toBe(403);
      expect((await post(`/agreements/${id}/amendments`, { basedOn: 1, summary: 'x', changes: [{ op: 'revise-document', sha256: SHA }] }, clerk)).status).toBe(403);
      expect((await post(`/agreements/${id}/termination`, { effectiveOn: '2024-01-01', reason: 'x' }, clerk)).status).toBe(403);
      expect(await stream(id)).toHaveLength(2);
    });

    it("a clerk of a party outside the agreement gets 404: existence is not leaked", async () => {
      const id = await drafted();
      const outsider = t.createToken({ role: 'clerk', partyId: '1567535-0', name: 'Muu kunta' });
      const res = await post(`/agreements/${id}/decisions`, decisionBody({ partyId: '1567535-0' }), outsider);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ detail: `there is no agreement ${id}` });
    });

    it('a region admin acts inside its region only', async () => {
      const kymenlaakso = t.createToken({ role: 'admin', region: 'Kymenlaakso', name: 'Kymenlaakson aluehallinto' });
      const other = t.createToken({ role: 'admin', region: 'Keski-Pohjanmaa', name: 'Keski-Pohjanmaan aluehallinto' });
      const id = freshId();
      expect((await post('/agreements', draftBody(id), other)).status).toBe(403);
      expect((await post('/agreements', draftBody(id), kymenlaakso)).status).toBe(201);
      expect((await post(`/agreements/${id}/decisions`, decisionBody({ partyId: hamina.partyId, body: hamina.competentBody }), kymenlaakso)).status).toBe(201);
      expect((await post(`/agreements/${id}/decisions`, decisionBody(), other)).status).toBe(404);
      expect((await post(`/agreements/${id}/termination`, { effectiveOn: '2024-01-01', reason: 'x' }, other)).status).toBe(404);
      expect(await stream(id)).toHaveLength(2);
    });

    it('no credentials → 401 and nothing appended', async () => {
      const id = await drafted();
      expect((await t.call(`/agreements/${id}/decisions`, { method: 'POST', json: decisionBody() })).status).toBe(401);
      expect(await stream(id)).toHaveLength(1);
    });
  });
});

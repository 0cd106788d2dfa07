/**
 * Many writers at once over real HTTP on a real SQLite store: commands on one agreement are decided
 * one after another (no writer starves), commands on many agreements still share group commits.
 */
import { agreementStreamId } from '../src/core/stream-names.js';
import { verifyChain } from '../src/core/hash-chain.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import type { GroupCommit, SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { sendAllAtOnce, type ConcurrentRequest } from './support/concurrent-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { county, kotka, hamina } = kymenlaaksoParties;
const SHA = 'ab'.repeat(32);
const WRITERS = 200;
const OUTCOMES = ['approved', 'rejected', 'noted', 'proposed', 'tabled'] as const;

type CommandResponse = { agreementId: string; version: number; revision: number; position: string; eventId: string };

function draftBody(agreementId: string) {
  return {
    agreementId,
    title: 'Kymenlaakson hyvinvointialueen ja Kymenlaakson kuntien strateginen yhteistyösopimus',
    region: 'Kymenlaakso',
    kind: 'strategic-cooperation',
    parties: [county, kotka, hamina],
    document: { title: 'Strateginen yhteistyösopimus', sha256: SHA },
    annexes: [],
  };
}

/** The i-th writer's decision: a party and meeting section of its own, so its event can be told apart. */
function decisionBody(i: number) {
  const [party, body] = i % 2 === 0 ? [kotka, 'Kotkan kaupunginvaltuusto'] : [hamina, 'Haminan kaupunginvaltuusto'];
  return { partyId: party.partyId, body, outcome: OUTCOMES[i % OUTCOMES.length], version: 1, decidedOn: '2023-11-13', meeting: { section: `§ ${i}` } };
}

function countBy(values: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe('concurrent commands over HTTP', () => {
  let t: TestApp;
  let store: EventStore;
  let n = 0;
  const freshId = () => `queue-${++n}-${Date.now().toString(36)}`;
  const request = (path: string, json: unknown): ConcurrentRequest => ({ url: `${t.api}${path}`, token: t.adminToken, json });

  /** The group commits the store made while `work` ran. */
  async function groupCommitsDuring(work: () => Promise<void>): Promise<GroupCommit[]> {
    const commits: GroupCommit[] = [];
    const stop = (store as SqliteEventStore).onGroupCommit((commit) => commits.push(commit));
    try {
      await work();
    } finally {
      stop();
    }
    return commits;
  }

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    expect(store.kind).toBe('sqlite');
  });
  afterAll(async () => t.close());

  it(`${WRITERS} writers on one agreement all land, with contiguous revisions, each answer naming its own event`, async () => {
    const id = freshId();
    expect((await t.call('/agreements', { method: 'POST', token: t.adminToken, json: draftBody(id) })).status).toBe(201);

    const responses = await sendAllAtOnce(Array.from({ length: WRITERS }, (_, i) => request(`/agreements/${id}/decisions`, decisionBody(i))));
    expect(countBy(responses.map((r) => r.status))).toEqual({ 201: WRITERS });

    const answers = responses.map((r) => r.body as CommandResponse);
    expect(answers.map((a) => a.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));
    expect(new Set(answers.map((a) => a.eventId)).size).toBe(WRITERS);
    const events = await store.readStream(agreementStreamId(id));
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: WRITERS + 1 }, (_, i) => i));
    expect(verifyChain(events).valid).toBe(true);
    answers.forEach((answer, i) => {
      const event = events[answer.revision]!;
      expect({ eventId: answer.eventId, position: answer.position, section: (event.data.meeting as { section: string }).section }).toEqual({
        eventId: event.eventId,
        position: event.position,
        section: `§ ${i}`,
      });
      expect(responses[i]!.etag).toBe(`"${answer.revision}"`);
    });
  }, 120_000);

  it(`${WRITERS} writers on ${WRITERS} agreements share group commits`, async () => {
    const ids = Array.from({ length: WRITERS }, freshId);
    const expectAllLand = async (requests: ConcurrentRequest[]) => {
      const responses = await sendAllAtOnce(requests);
      expect(countBy(responses.map((r) => r.status))).toEqual({ 201: requests.length });
    };

    const drafts = await groupCommitsDuring(() => expectAllLand(ids.map((id) => request('/agreements', draftBody(id)))));
    const decisions = await groupCommitsDuring(() => expectAllLand(ids.map((id, i) => request(`/agreements/${id}/decisions`, decisionBody(i)))));

    for (const commits of [drafts, decisions]) {
      expect(commits.reduce((sum, c) => sum + c.events, 0)).toBe(WRITERS);
      // One transaction per append would make this exactly 1.
      expect(WRITERS / commits.length).toBeGreaterThan(1);
    }
  }, 120_000);

  it('concurrent drafts of one id: one lands, the others are told the id is taken', async () => {
    const id = freshId();
    const responses = await sendAllAtOnce(Array.from({ length: 20 }, () => request('/agreements', draftBody(id))));
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.body).toMatchObject({ type: 'urn:agreement-ledger:problem:agreement-already-exists' });
    }
    expect(await store.readStream(agreementStreamId(id))).toHaveLength(1);
  });
});

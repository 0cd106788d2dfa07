import { randomUUID } from 'node:crypto';
import { verifyChain } from '../src/core/hash-chain.js';
import { PostgresEventStore, type GroupCommit } from '../src/event-store/postgres/postgres-event-store.js';
import { eventStoreContract } from './event-store.contract.js';
import { encoded } from './support/encoded.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';

const SKIPPED = skippedWithoutPostgres('PostgreSQL event store contract');

if (POSTGRES_URL !== undefined) {
  let database: PostgresDatabase;
  beforeAll(async () => {
    database = await freshPostgresDatabase('contract');
  });
  afterAll(async () => {
    await database?.drop();
  });
  const open = () => PostgresEventStore.open({ connectionString: database.url, pollIntervalMs: 50 });

  eventStoreContract('PostgreSQL', () => ({ open, reopen: open, cleanup: async () => undefined }), { uniqueEventIdsAcrossStreams: true });

  describe('PostgreSQL event store', () => {
    const event = encoded({
      type: 'DecisionRecorded',
      data: { partyId: '0161999-9', body: 'Kotkan kaupunginhallitus', outcome: 'noted', version: 1, decidedOn: '2023-10-02', meeting: { section: '§ 1' } },
    });

    it('commits the appends of one tick in one transaction and tells its listeners the batch size', async () => {
      const store = await open();
      const commits: GroupCommit[] = [];
      const stop = store.onGroupCommit((commit) => commits.push(commit));
      try {
        const results = await Promise.allSettled([
          store.append('agreement-gc-aaa', [event, event], { expectedRevision: 'no-stream' }),
          store.append('agreement-gc-bbb', [event], { expectedRevision: 'no-stream' }),
          store.append('agreement-gc-ccc', [event], { expectedRevision: 5n }),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
        await store.append('agreement-gc-aaa', [event]);
        stop();
        await store.append('agreement-gc-bbb', [event]);
        expect(commits).toEqual([
          { appends: 3, events: 3, seconds: expect.any(Number) },
          { appends: 1, events: 1, seconds: expect.any(Number) },
        ]);
      } finally {
        await store.close();
      }
    });

    it('accepts a replay of an append made earlier in the same group commit with its result', async () => {
      const store = await open();
      try {
        const events = [{ ...event, eventId: randomUUID() }, { ...event, eventId: randomUUID() }];
        const [first, again] = await Promise.all([store.append('agreement-gc-replay', events), store.append('agreement-gc-replay', events)]);
        expect(again).toEqual(first);
        expect(await store.readStream('agreement-gc-replay')).toHaveLength(2);
      } finally {
        await store.close();
      }
    });

    it('a second instance on the same database finds the schema migrated and appends on the same chains', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      try {
        await a.append('agreement-two-instances', [event]);
        const next = await b.append('agreement-two-instances', [event], { expectedRevision: 0n });
        expect(next.nextExpectedRevision).toBe(1n);
        // `a` still remembers revision 0 as the head: the log, not its memory, decides.
        await expect(a.append('agreement-two-instances', [event], { expectedRevision: 0n })).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 1n });
        const stale = await b.append('agreement-two-instances', [event]);
        expect((await a.append('agreement-two-instances', [event])).nextExpectedRevision).toBe(stale.nextExpectedRevision + 1n);
        expect(verifyChain(await a.readStream('agreement-two-instances'))).toMatchObject({ valid: true, events: 4 });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("records no event earlier than the log's last, also after another instance whose clock runs ahead", async () => {
      const a = await open();
      const ahead = await PostgresEventStore.open({ connectionString: database.url, now: () => new Date('2100-01-01T00:00:00.000Z') });
      try {
        await a.append('agreement-clock-a', [event]);
        await ahead.append('agreement-clock-ahead', [event]);
        // `a` remembers its stream's head, so it would append in one round trip, were the log's last event not later than its clock.
        await a.append('agreement-clock-a', [event]);
        const [, second] = await a.readStream('agreement-clock-a');
        expect(second!.recordedAt).toBe('2100-01-01T00:00:00.000Z');
        expect(verifyChain(await a.readStream('agreement-clock-a')).valid).toBe(true);
      } finally {
        await Promise.all([a.close(), ahead.close()]);
      }
    });
  });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('runs the event store contract against a PostgreSQL server', () => undefined);
  });
}

/**
 * Positions drawn from a sequence commit out of order unless the store prevents it: a subscriber
 * that has read position n+1 would never come back for a slower transaction's n. Here several
 * writer processes append at once while two subscribers read live — one from the start, one
 * joining midway (catch-up → live under load) — and each must see exactly the log as it ends up:
 * no gap, no duplicate, no reordering.
 */
import { spawn } from 'node:child_process';
import { verifyChain } from '../src/core/hash-chain.js';
import type { StoredEvent, Subscription } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';

const WRITERS = 4;
const CALLERS = 4;
const APPENDS = 60;
/** Each append holds 1, 2 or 3 events in turn. */
const EVENTS_PER_CALLER = Array.from({ length: APPENDS }, (_, k) => 1 + (k % 3)).reduce((a, b) => a + b, 0);
const TOTAL = WRITERS * CALLERS * EVENTS_PER_CALLER;

function runWriter(url: string, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/concurrency/postgres-append-child.ts', url, label, String(CALLERS), String(APPENDS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && output.includes('done') ? resolve() : reject(new Error(`writer ${label} exited with ${code}`))));
  });
}

interface Follower {
  readonly seen: StoredEvent[];
  /** Resolves once the subscriber has handed out the event at `position` (skipped ones never come back). */
  reached(position: string): Promise<void>;
  close(): Promise<void>;
}

function follow(subscription: Subscription, onEvent: (seen: number) => void = () => undefined): Follower {
  const seen: StoredEvent[] = [];
  let target: { position: string; resolve: () => void } | undefined;
  const done = (async () => {
    for await (const event of subscription) {
      seen.push(event);
      onEvent(seen.length);
      if (event.position === target?.position) target.resolve();
    }
  })();
  return {
    seen,
    reached: (position) =>
      seen.at(-1)?.position === position ? Promise.resolve() : new Promise((resolve) => (target = { position, resolve })),
    async close() {
      await subscription.close();
      await done;
    },
  };
}

const SKIPPED = skippedWithoutPostgres('PostgreSQL subscriptions under writers in several processes');

if (POSTGRES_URL !== undefined) {
  describe('PostgreSQL store: subscriptions under concurrent writer processes', () => {
    let database: PostgresDatabase;
    beforeAll(async () => {
      database = await freshPostgresDatabase('subscription');
    });
    afterAll(async () => {
      await database?.drop();
    });

    it(`${WRITERS} processes × ${CALLERS} callers append ${TOTAL} events; both subscribers see the log exactly`, async () => {
      const store = await PostgresEventStore.open({ connectionString: database.url });
      try {
        let late: Follower | undefined;
        const early = follow(store.subscribeAll(), (seen) => {
          if (late === undefined && seen >= TOTAL / 4) late = follow(store.subscribeAll());
        });

        await Promise.all(Array.from({ length: WRITERS }, (_, w) => runWriter(database.url, `writer${w}`)));
        const head = (await store.headPosition())!;
        await early.reached(head);
        await late!.reached(head);
        await early.close();
        await late!.close();

        const log = await store.readAll();
        expect(log).toHaveLength(TOTAL);
        for (let i = 1; i < log.length; i++) expect(store.comparePositions(log[i - 1]!.position, log[i]!.position)).toBe(-1);
        const logIds = log.map((e) => e.eventId);
        expect(early.seen.map((e) => e.eventId)).toEqual(logIds);
        expect(late!.seen.map((e) => e.eventId)).toEqual(logIds);

        const streams = new Map<string, StoredEvent[]>();
        for (const event of log) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
        expect(streams.size).toBe(WRITERS * CALLERS);
        for (const events of streams.values()) {
          expect(events).toHaveLength(EVENTS_PER_CALLER);
          expect(verifyChain(events).valid).toBe(true);
        }
      } finally {
        await store.close();
      }
    }, 120_000);
  });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('proves gap-free subscriptions under writers in several processes', () => undefined);
  });
}

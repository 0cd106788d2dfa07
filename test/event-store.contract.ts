/**
 * The event store contract: every adapter runs this one suite. It assumes nothing about what the
 * log held before (an EventStoreDB server is shared), so every test names fresh streams and reads
 * the log from the head position it saw at its start.
 */
import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../src/event-store/errors.js';
import type { EventStore, EventToAppend, StoredEvent } from '../src/event-store/event-store.port.js';
import { encodeAgreementEvent } from '../src/core/agreement-contract.js';
import { MalformedEventError } from '../src/core/event-contract.js';
import { GENESIS_HASH, verifyChain } from '../src/core/hash-chain.js';

export interface ContractHarness {
  /** A store on an empty or shared log. */
  open(): Promise<EventStore>;
  /** A new store instance on the same data as the last `open()` (for durability across reopen). */
  reopen(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

export interface ContractCapabilities {
  /**
   * EventStoreDB checks event ids only within a stream: an id reused in another stream is not
   * detected there. Adapters that index ids across the log say so here.
   */
  readonly uniqueEventIdsAcrossStreams: boolean;
}

/** A valid event of the agreement contract (the store refuses any other); `extra` may replace any part. */
function decision(section: string, extra: Partial<EventToAppend> = {}): EventToAppend {
  const encoded = encodeAgreementEvent(
    {
      type: 'DecisionRecorded',
      data: { partyId: '0161999-9', body: 'Kotkan kaupunginvaltuusto', outcome: 'approved', version: 1, decidedOn: '2023-10-09', meeting: { section } },
    },
    { actor: 'kirjaamo@kotka.fi', $correlationId: randomUUID() },
  );
  return { ...encoded, ...extra, metadata: { ...encoded.metadata, ...extra.metadata } };
}

async function collect(store: EventStore, after: string | undefined, streams: Set<string>): Promise<StoredEvent[]> {
  const all = await store.readAll({ fromPosition: after });
  return all.filter((e) => streams.has(e.streamId));
}

export function eventStoreContract(name: string, harness: () => ContractHarness, capabilities: ContractCapabilities): void {
  describe(`event store contract: ${name}`, () => {
    let h: ContractHarness;
    let store: EventStore;
    let run: string;
    const stream = (label: string) => `agreement-${run}-${label}`;

    beforeEach(async () => {
      h = harness();
      store = await h.open();
      run = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await store.close();
      await h.cleanup();
    });

    describe('expected revision', () => {
      it('no-stream: creates a stream at revision 0, refuses once it exists', async () => {
        const s = stream('a');
        const first = await store.append(s, [decision('§ 1')], { expectedRevision: 'no-stream' });
        expect(first.nextExpectedRevision).toBe(0n);
        await expect(store.append(s, [decision('§ 2')], { expectedRevision: 'no-stream' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 0n,
        });
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('exists: refuses a missing stream, accepts an existing one', async () => {
        const s = stream('b');
        const error = await store.append(s, [decision('§ 1')], { expectedRevision: 'exists' }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error.actual).toBe(-1n);
        expect(await store.readStream(s)).toEqual([]);
        await store.append(s, [decision('§ 1')]);
        expect((await store.append(s, [decision('§ 2')], { expectedRevision: 'exists' })).nextExpectedRevision).toBe(1n);
      });

      it('exact revision: accepts the current one, refuses a stale or future one and appends nothing', async () => {
        const s = stream('c');
        await store.append(s, [decision('§ 1'), decision('§ 2')], { expectedRevision: 'no-stream' });
        const before = await store.headPosition();
        for (const stale of [0n, 2n, -1n]) {
          await expect(store.append(s, [decision('§ x')], { expectedRevision: stale })).rejects.toBeInstanceOf(
            WrongExpectedRevisionError,
          );
        }
        expect(await collect(store, before, new Set([s]))).toEqual([]);
        const ok = await store.append(s, [decision('§ 3')], { expectedRevision: 1n });
        expect(ok.nextExpectedRevision).toBe(2n);
      });

      it('any: appends whatever the stream holds', async () => {
        const s = stream('d');
        expect((await store.append(s, [decision('§ 1')], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store.append(s, [decision('§ 2')])).nextExpectedRevision).toBe(1n);
      });

      it('of many concurrent appends with the same expected revision, exactly one wins', async () => {
        const s = stream('race');
        await store.append(s, [decision('§ 0')]);
        const results = await Promise.allSettled(
          Array.from({ length: 16 }, (_, i) => store.append(s, [decision(`§ ${i}`)], { expectedRevision: 0n })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof WrongExpectedRevisionError)).toBe(true);
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
      });
    });

    describe('appending', () => {
      it('refuses, appending nothing, an event that breaks its stream\'s contract', async () => {
        const s = stream('malformed');
        await store.append(s, [decision('§ 1')]);
        const head = await store.headPosition();
        const valid = decision('§ 2');
        const malformed: Array<[string, string, EventToAppend]> = [
          ['data without a required field', s, { ...valid, data: { ...valid.data, meeting: {} } }],
          ['an empty nested object', s, { ...valid, data: { ...valid.data, meeting: { section: '' } } }],
          ['an unknown field', s, { ...valid, data: { ...valid.data, extra: true } }],
          ['a wrong type', s, { ...valid, data: { ...valid.data, version: '1' } }],
          ['a control character', s, { ...valid, data: { ...valid.data, body: 'Kotka\u0000' } }],
          ['a lone surrogate', s, { ...valid, data: { ...valid.data, body: '\ud800' } }],
          ['an impossible date', s, { ...valid, data: { ...valid.data, decidedOn: '2023-02-29' } }],
          ['a bad check digit', s, { ...valid, data: { ...valid.data, partyId: '0161999-1' } }],
          ['an unknown type', s, { ...valid, type: 'DecisionForgotten' }],
          ['no metadata', s, { type: valid.type, data: valid.data }],
          ['an unknown schema version', s, { ...valid, metadata: { ...valid.metadata, schemaVersion: 99 } }],
          ['a stream no contract governs', `ledger-${run}`, valid],
        ];
        for (const [, streamId, event] of malformed) {
          // A good event beside the bad one in the same append: the whole append is refused.
          await expect(store.append(streamId, [decision('§ 3'), event])).rejects.toBeInstanceOf(MalformedEventError);
        }
        expect(await collect(store, head, new Set([s, `ledger-${run}`]))).toEqual([]);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('stores type, data, caller metadata, revision, position and recordedAt', async () => {
        const s = stream('e');
        const event = decision('§ 160', { eventId: randomUUID() });
        const result = await store.append(s, [event]);
        const [stored] = await store.readStream(s);
        expect(result.eventId).toBe(event.eventId);
        expect(stored).toMatchObject({
          eventId: event.eventId,
          type: 'DecisionRecorded',
          data: event.data,
          streamId: s,
          revision: 0,
          position: result.position,
        });
        expect(stored!.metadata).toMatchObject({ ...event.metadata, recordedAt: stored!.recordedAt });
        expect(new Date(stored!.recordedAt).toISOString()).toBe(stored!.recordedAt);
        expect(stored!.eventId).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('appends a batch atomically with contiguous revisions and increasing positions', async () => {
        const s = stream('f');
        const result = await store.append(s, [decision('§ 1'), decision('§ 2'), decision('§ 3')]);
        const events = await store.readStream(s);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(result.position).toBe(events[2]!.position);
        expect(result.eventId).toBe(events[2]!.eventId);
        for (let i = 1; i < events.length; i++) {
          expect(store.comparePositions(events[i - 1]!.position, events[i]!.position)).toBeLessThan(0);
        }
      });

      it('never interleaves or loses revisions under many concurrent callers', async () => {
        const s = stream('busy');
        await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.append(s, [decision(`§ ${i}a`), decision(`§ ${i}b`)])),
        );
        const events = await store.readStream(s);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 100 }, (_, i) => i));
        // each caller's two events stay adjacent
        for (let i = 0; i < 100; i += 2) {
          expect((events[i]!.data.meeting as { section: string }).section.replace('a', 'b')).toBe(
            (events[i + 1]!.data.meeting as { section: string }).section,
          );
        }
        expect(verifyChain(events).valid).toBe(true);
      });

      it('re-appending the same event ids is an idempotent no-op returning the first result', async () => {
        const s = stream('g');
        const events = [decision('§ 1', { eventId: randomUUID() }), decision('§ 2', { eventId: randomUUID() })];
        const first = await store.append(s, events, { expectedRevision: 'no-stream' });
        const before = await store.headPosition();
        const again = await store.append(s, events, { expectedRevision: 'no-stream' });
        const againAny = await store.append(s, events);
        expect(again).toEqual(first);
        expect(againAny).toEqual(first);
        expect(first.eventId).toBe(events[1]!.eventId);
        expect(await store.headPosition()).toBe(before);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      const acrossStreams = capabilities.uniqueEventIdsAcrossStreams ? it : it.skip;
      acrossStreams('refuses an event id already used elsewhere in the log, appending nothing', async () => {
        const eventId = randomUUID();
        await store.append(stream('h1'), [decision('§ 1', { eventId })]);
        const before = await store.headPosition();
        await expect(store.append(stream('h2'), [decision('§ 1', { eventId })])).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        expect(await store.readStream(stream('h2'))).toEqual([]);
        expect(await store.headPosition()).toBe(before);
      });

      it('one refused append in a busy moment does not affect the others', async () => {
        const s = stream('mixed');
        await store.append(s, [decision('§ 0')]);
        const outcomes = await Promise.allSettled([
          store.append(stream('other1'), [decision('§ 1')]),
          store.append(s, [decision('§ bad')], { expectedRevision: 'no-stream' }),
          store.append(stream('other2'), [decision('§ 2')]),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await store.readStream(stream('other1'))).toHaveLength(1);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('refuses an empty append and reserved stream ids', async () => {
        await expect(store.append(stream('i'), [])).rejects.toThrow(/at least one event/);
        await expect(store.append('$all', [decision('§ 1')])).rejects.toThrow(/reserved/);
      });

      it('keeps acknowledged events across a reopen', async () => {
        const s = stream('durable');
        await store.append(s, [decision('§ 1'), decision('§ 2')]);
        await store.close();
        store = await h.reopen();
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
        expect((await store.append(s, [decision('§ 3')], { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards, backwards, from a revision and up to a count', async () => {
        const s = stream('j');
        await store.append(s, [0, 1, 2, 3, 4].map((i) => decision(`§ ${i}`)));
        const revisions = async (o: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(s, o)).map((e) => e.revision);
        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
        expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', fromRevision: 3, maxCount: 2 })).toEqual([3, 2]);
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('pages through the whole log in order, each page starting after the last position', async () => {
        const start = await store.headPosition();
        const streams = new Set([stream('k1'), stream('k2'), stream('k3')]);
        for (let i = 0; i < 7; i++) {
          for (const s of streams) await store.append(s, [decision(`§ ${i}`)]);
        }
        const whole = await collect(store, start, streams);
        expect(whole).toHaveLength(21);
        const paged: StoredEvent[] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ fromPosition: after, maxCount: 4 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(4);
          paged.push(...page.filter((e) => streams.has(e.streamId)));
          after = page[page.length - 1]!.position;
        }
        expect(paged.map((e) => e.eventId)).toEqual(whole.map((e) => e.eventId));
        for (let i = 1; i < whole.length; i++) {
          expect(store.comparePositions(whole[i - 1]!.position, whole[i]!.position)).toBe(-1);
          expect(store.comparePositions(whole[i]!.position, whole[i - 1]!.position)).toBe(1);
        }
        expect(await store.headPosition()).toBe(whole[whole.length - 1]!.position);
      });
    });

    describe('subscription', () => {
      it('catches up, then goes live, with no gap and no duplicate under concurrent appends', async () => {
        const start = await store.headPosition();
        const streams = new Set(Array.from({ length: 8 }, (_, i) => stream(`sub${i}`)));
        const ids = [...streams];
        for (const s of ids) await store.append(s, [decision('§ before')]);

        const subscription = store.subscribeAll({ fromPosition: start });
        const seen: StoredEvent[] = [];
        const total = ids.length * (1 + 2 * 25);
        const consumed = (async () => {
          for await (const event of subscription) {
            if (streams.has(event.streamId)) seen.push(event);
            if (seen.length === total) break;
          }
        })();
        // Writers race the subscriber's catch-up → live handover.
        await Promise.all(
          ids.map(async (s) => {
            for (let i = 0; i < 25; i++) await store.append(s, [decision(`§ ${i}a`), decision(`§ ${i}b`)]);
          }),
        );
        await consumed;
        await subscription.close();

        const log = await collect(store, start, streams);
        expect(seen.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
        expect(new Set(seen.map((e) => e.eventId)).size).toBe(total);
      });

      it('starts strictly after the given position and ends when closed', async () => {
        const s = stream('from');
        await store.append(s, [decision('§ 1')]);
        const { position } = await store.append(s, [decision('§ 2')]);
        const subscription = store.subscribeAll({ fromPosition: position });
        const iterator = subscription[Symbol.asyncIterator]();
        const next = iterator.next();
        await store.append(s, [decision('§ 3')]);
        let event = (await next).value as StoredEvent;
        while (event.streamId !== s) event = (await iterator.next()).value as StoredEvent;
        expect(event.revision).toBe(2);
        await subscription.close();
        expect((await iterator.next()).done).toBe(true);
      });
    });

    describe('hash chain', () => {
      it('chains every stream from the genesis hash, across separate appends', async () => {
        const s = stream('chain');
        await store.append(s, [decision('§ 1')]);
        await store.append(s, [decision('§ 2'), decision('§ 3')]);
        await store.append(stream('chain-other'), [decision('§ 1')]);
        await store.append(s, [decision('§ 4')]);
        const events = await store.readStream(s);
        expect(events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
        for (let i = 1; i < events.length; i++) expect(events[i]!.metadata.prevHash).toBe(events[i - 1]!.metadata.hash);
        expect(verifyChain(events)).toEqual({ valid: true, events: 4, headHash: events[3]!.metadata.hash });
      });

      it('never trusts a hash the caller put in metadata', async () => {
        const s = stream('forged');
        await store.append(s, [decision('§ 1', { metadata: { prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) } })]);
        const events = await store.readStream(s);
        expect(events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
        expect(verifyChain(events).valid).toBe(true);
      });
    });
  });
}

/**
 * Queries load agreement states while the projection runner applies and commits new events. Reads
 * of agreement streams answer late, at moments fast-check chooses, as EventStoreDB's reads over
 * the network do: a query's fold can finish after the runner has stored newer states.
 *
 * After every step: once the runner has committed revision r of an agreement, no query is served
 * and the cache holds nothing older than r, and the states served for one agreement never go
 * back. At every quiescent point (nothing in flight, the runner at the head): every cached state,
 * every status and every summary equals a from-scratch fold of the agreement's stream.
 *
 * The runner is driven by `runToHead`, which is deterministic under the scheduler; the live
 * subscription applies and commits through the same `apply` and `flush`.
 */
import fc from 'fast-check';
import type { AgreementEvent } from '../src/core/agreement-events.js';
import { agreementStreamId } from '../src/core/stream-names.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { AgreementProjections, toRecorded } from '../src/read-models/agreement-projections.js';
import { ProjectionRunner } from '../src/read-models/projection-runner.js';
import { ReadModelStore } from '../src/read-models/read-model-store.js';
import { agreementSummary, factsOf, projectAgreement, revisionOf, status, type AgreementProjection, type AgreementSummary } from '../projections/index.js';
import { DAYS, day, scenarioArb } from '../projections/testing/agreement-histories.spec-helper.js';
import { scenarioEvents, type IdentifiedEvent } from '../projections/testing/scenario-events.spec-helper.js';
import { encoded } from './support/encoded.js';

const AGREEMENTS = ['ranta', 'kyla', 'saari'];
/** More for a long hunt: READ_SIDE_RUNS=5000 npm run jest -- test/read-side-races.spec.ts */
const RUNS = Number(process.env.READ_SIDE_RUNS ?? 150);

type Action =
  /** The next `count` events of an agreement's history are appended to the log. */
  | { readonly kind: 'append'; readonly agreement: number; readonly count: number }
  /** The runner applies the log up to its head and commits. */
  | { readonly kind: 'commit' }
  /** A query starts; its stream read answers when the scheduler says. */
  | { readonly kind: 'query'; readonly agreement: number; readonly query: 'get' | 'status' | 'list' }
  /** That many late reads answer, chosen by the scheduler. */
  | { readonly kind: 'answer'; readonly count: number }
  /** Today moves on: summaries waiting for a term to begin or end, or for a termination, go stale. */
  | { readonly kind: 'next-day' }
  | { readonly kind: 'quiesce' };

const agreementArb = fc.nat(AGREEMENTS.length - 1);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), agreement: agreementArb, count: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'commit' as const }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('query' as const), agreement: agreementArb, query: fc.constantFrom('get' as const, 'status' as const, 'list' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('answer' as const), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'next-day' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'quiesce' as const }) },
);
const historiesArb = fc.tuple(...AGREEMENTS.map(() => scenarioArb)).map((scenarios) =>
  scenarios.map((scenario, i) => scenarioEvents(scenario, AGREEMENTS[i]).map(({ eventId, event }) => ({ eventId, event: aheadOfToday(event) }))),
);

describe('the read side while the runner commits (property-based, with late reads)', () => {
  it('never serves or caches a state older than the runner has committed, and ends equal to a fold from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(historiesArb, fc.array(actionArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 4 }), fc.scheduler(), run),
      { numRuns: RUNS },
    );
  }, 30_000 + RUNS * 100);
});

async function run(histories: IdentifiedEvent[][], actions: readonly Action[], capacity: number, s: fc.Scheduler): Promise<void> {
  const log = new SqliteEventStore({ file: ':memory:' });
  const readModels = new ReadModelStore('', ':memory:');
  const store = withLateStreamReads(log, s);
  // Summaries are computed for today, which starts after every decision and signature of the histories.
  let today = day(DAYS);
  const projections = new AgreementProjections(store, capacity);
  const runner = new ProjectionRunner(store, readModels, { projections, now: () => new Date(`${today}T12:00:00Z`) });
  const appended = AGREEMENTS.map(() => 0);
  /** The last revision of each agreement the runner has committed. */
  const committed = AGREEMENTS.map(() => -1);
  /** The last revision served to a query, by agreement. */
  const served = AGREEMENTS.map(() => -1);
  const inFlight: Promise<void>[] = [];
  const failures: unknown[] = [];
  const agreementOf = (i: number) => ({ id: AGREEMENTS[i]!, stream: agreementStreamId(AGREEMENTS[i]!) });

  const commit = async (): Promise<void> => {
    await s.waitFor(runner.runToHead());
    appended.forEach((count, i) => (committed[i] = count - 1));
  };

  const startQuery = (i: number, query: 'get' | 'status' | 'list'): void => {
    const { id } = agreementOf(i);
    const answered: Promise<number | undefined> =
      query === 'get'
        ? projections.get(id).then(revisionOf)
        : query === 'status'
          ? projections.statusOn(id, today).then((answer) => answer?.knownAtRevision ?? -1)
          : readModels.list({ limit: 10, offset: 0 }, today, (other) => projections.get(other)).then(() => undefined);
    const checked = answered.then((revision) => {
      if (revision === undefined) return;
      // Judged when the answer arrives: a commit that finished before it counts.
      if (revision < committed[i]!) throw new Error(`${id}: served revision ${revision} after the runner committed ${committed[i]}`);
      if (revision < served[i]!) throw new Error(`${id}: served revision ${revision} after serving ${served[i]}`);
      served[i] = revision;
    });
    inFlight.push(checked.catch((error: unknown) => void failures.push(error)));
  };

  const quiesce = async (): Promise<void> => {
    await s.waitFor(Promise.all(inFlight.splice(0)));
    throwFirst(failures);
    await commit();
    await s.waitFor(expectAnswersFromScratch());
  };

  const expectAnswersFromScratch = async (): Promise<void> => {
    const summaries: AgreementSummary[] = [];
    for (const [i] of AGREEMENTS.entries()) {
      const { id, stream } = agreementOf(i);
      const fold = projectAgreement((await log.readStream(stream)).map(toRecorded));
      const cached = projections.peek(id);
      if (cached !== undefined) expect(comparable(cached)).toEqual(comparable(fold));
      expect(comparable(await projections.get(id))).toEqual(comparable(fold));
      expect(await projections.statusOn(id, today)).toEqual(status(fold, { asOf: today }));
      const summary = agreementSummary(fold, { asOf: today });
      if (summary !== null) summaries.push(summary);
    }
    summaries.sort((a, b) => (a.agreementId < b.agreementId ? -1 : 1));
    const listed = await readModels.list({ limit: 10, offset: 0 }, today, (id) => projections.get(id));
    expect(listed.items).toEqual(summaries);
  };

  try {
    for (const action of [...actions, { kind: 'quiesce' } as const]) {
      switch (action.kind) {
        case 'append': {
          const { stream } = agreementOf(action.agreement);
          const events = histories[action.agreement]!.slice(appended[action.agreement], appended[action.agreement]! + action.count);
          if (events.length === 0) break;
          await log.append(stream, events.map(({ eventId, event }) => encoded(event, { eventId })));
          appended[action.agreement]! += events.length;
          break;
        }
        case 'commit':
          await commit();
          break;
        case 'query':
          startQuery(action.agreement, action.query);
          break;
        case 'answer':
          await s.waitNext(Math.min(action.count, s.count()));
          break;
        case 'next-day':
          if (today < day(2 * DAYS)) today = day(dayIndex(today) + 1);
          break;
        case 'quiesce':
          await quiesce();
          break;
      }
      throwFirst(failures);
      // The cache, whatever it keeps, keeps nothing older than the runner has committed.
      AGREEMENTS.forEach((id, i) => {
        const cached = projections.peek(id);
        if (cached !== undefined) expect(revisionOf(cached)).toBeGreaterThanOrEqual(committed[i]!);
      });
    }
  } finally {
    readModels.close();
    await log.close();
  }
}

/** The log, with every stream read taken at once but answered when the scheduler chooses. */
function withLateStreamReads(log: EventStore, s: fc.Scheduler): EventStore {
  return {
    kind: log.kind,
    append: (streamId, events, options) => log.append(streamId, events, options),
    readStream: s.scheduleFunction((streamId: string, options?: Parameters<EventStore['readStream']>[1]) => log.readStream(streamId, options)),
    readAll: (options) => log.readAll(options),
    subscribeAll: (options) => log.subscribeAll(options),
    headPosition: () => log.headPosition(),
    comparePositions: (a, b) => log.comparePositions(a, b),
    close: () => log.close(),
  };
}

/** Terms and terminations move after the decisions, so summaries wait for them to arrive (and to end). */
function aheadOfToday(event: AgreementEvent): AgreementEvent {
  const later = (date: string): string => day(dayIndex(date) + DAYS);
  const laterOrNull = (date: string | null): string | null => (date === null ? null : later(date));
  if (event.type === 'AgreementDrafted') {
    const { effectiveFrom, effectiveUntil } = event.data;
    return {
      ...event,
      data: { ...event.data, ...(effectiveFrom && { effectiveFrom: later(effectiveFrom) }), ...(effectiveUntil && { effectiveUntil: later(effectiveUntil) }) },
    };
  }
  if (event.type === 'AgreementAmended') {
    const changes = event.data.changes.map((change) =>
      change.op !== 'revise-term'
        ? change
        : {
            ...change,
            ...(change.effectiveFrom !== undefined && { effectiveFrom: laterOrNull(change.effectiveFrom) }),
            ...(change.effectiveUntil !== undefined && { effectiveUntil: laterOrNull(change.effectiveUntil) }),
          },
    );
    return { ...event, data: { ...event.data, changes } };
  }
  if (event.type === 'AgreementTerminated') return { ...event, data: { ...event.data, effectiveOn: later(event.data.effectiveOn) } };
  return event;
}

function dayIndex(date: string): number {
  return (Date.parse(date) - Date.parse(day(0))) / 86_400_000;
}

/** A state as its queries see it: facts past its own count belong to later states sharing the array. */
function comparable(state: AgreementProjection): unknown {
  return state.status === 'drafted' ? { ...state, facts: factsOf(state) } : state;
}

function throwFirst(failures: readonly unknown[]): void {
  if (failures.length > 0) throw failures[0];
}

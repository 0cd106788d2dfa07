import fc from 'fast-check';
import type { AgreementEvent } from '../src/core/agreement-events.js';
import { projectAgreement } from './agreement-projection.js';
import { evaluateFromScratch } from './evaluate-from-scratch.js';
import { ledgerKnownAt } from './ledger-from-scratch.js';
import { expiredBy, hubOf, satisfied, spokesOf } from './rules-from-scratch.js';
import type { KnownAt, RecordedEvent } from './recorded-event.js';
import { status } from './status.js';
import { DAYS, day, scenarioArb } from './testing/agreement-histories.spec-helper.js';
import { scenarioEvents, type IdentifiedEvent } from './testing/scenario-events.spec-helper.js';
import { versions } from './versions.js';

const firstRecording = Date.parse('2024-03-20T08:00:00.000Z');

function recorded(facts: readonly IdentifiedEvent[], gaps: readonly number[]): RecordedEvent[] {
  let clock = firstRecording;
  return facts.map(({ event, eventId }, revision) => {
    clock += (gaps[revision % gaps.length] ?? 1) * 60_000;
    return { event, eventId, revision, position: `p${revision}`, recordedAt: new Date(clock).toISOString() };
  });
}

// Now and then weeks later, when appeal windows have ended: finality changes then.
const asOfArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -1, max: DAYS }).map(day) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 80 }).map(day) });
const knownAtArb: fc.Arbitrary<KnownAt | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ revision: fc.integer({ min: -1, max: 100 }) }),
  fc.record({ recordedAt: fc.integer({ min: 0, max: 200 }).map((minutes) => new Date(firstRecording + minutes * 60_000).toISOString()) }),
  fc.record({ revision: fc.nat(100), recordedAt: fc.integer({ min: 0, max: 200 }).map((minutes) => new Date(firstRecording + minutes * 60_000).toISOString()) }),
);
const queriesArb = fc.array(fc.record({ asOf: asOfArb, knownAt: knownAtArb }), { minLength: 1, maxLength: 5 });

describe('the projection against the rules (property-based)', () => {
  it('the incremental fold answers exactly as the rules evaluated from scratch', () => {
    fc.assert(
      fc.property(scenarioArb, queriesArb, (scenario, queries) => {
        const events = recorded(scenarioEvents(scenario), scenario.gaps);
        const state = projectAgreement(events);
        for (const query of queries) {
          const reference = evaluateFromScratch(events, query);
          expect(status(state, query)).toEqual(reference?.status ?? null);
          expect(versions(state, query)).toEqual(reference?.versions ?? null);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the version reported in force (for each spoke, in hub-and-spoke agreements) is satisfied and no higher version is', () => {
    fc.assert(
      fc.property(scenarioArb, queriesArb, (scenario, queries) => {
        const events = recorded(scenarioEvents(scenario), scenario.gaps);
        const state = projectAgreement(events);
        for (const query of queries) {
          const answer = status(state, query);
          const ledger = ledgerKnownAt(events, query);
          if (answer === null || ledger === null) {
            expect(answer).toBeNull();
            expect(ledger).toBeNull();
            continue;
          }
          const terminated = ledger.terminatedOn !== null && ledger.terminatedOn <= query.asOf;
          const spokes = hubOf(ledger) === null ? [null] : spokesOf(ledger);
          const reported = (spoke: string | null): number | null =>
            spoke === null ? answer.inForceVersion : (answer.boundParties?.find((bound) => bound.partyId === spoke)?.version ?? null);
          for (const spoke of spokes) {
            const inForce = reported(spoke);
            const holding = ledger.versions.map((version) => version.version).filter((version) => satisfied(ledger, version, query.asOf, spoke));
            if (inForce === null) {
              // Nothing holds, or only versions at or below one that expired.
              expect(terminated || holding.every((version) => version <= expiredBy(ledger, query.asOf, spoke))).toBe(true);
            } else {
              expect(terminated).toBe(false);
              expect(satisfied(ledger, inForce, query.asOf, spoke)).toBe(true);
              expect(holding.filter((version) => version > inForce)).toEqual([]);
            }
          }
          if (answer.boundParties !== null) expect(answer.inForceVersion).toBe(answer.boundParties.length === 0 ? null : Math.max(...answer.boundParties.map((bound) => bound.version)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('once a version in force passes its last day, neither it nor any version below it is in force again', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const state = projectAgreement(recorded(scenarioEvents(scenario), scenario.gaps));
        const days = Array.from({ length: DAYS + 2 }, (_, n) => day(n - 1));
        const answers = days.map((asOf) => status(state, { asOf }));
        const history = versions(state, { asOf: day(DAYS) }) ?? [];
        // Per pair of hub and spoke in hub-and-spoke agreements: expiry ends that pair's versions only.
        const pairs = [...new Set(answers.flatMap((answer) => answer?.boundParties?.map((bound) => bound.partyId) ?? [null]))];
        for (const pair of pairs) {
          const inForce = answers.map((answer) =>
            pair === null ? (answer?.inForceVersion ?? null) : (answer?.boundParties?.find((bound) => bound.partyId === pair)?.version ?? null),
          );
          days.forEach((asOf, i) => {
            const version = inForce[i];
            const lastDay = history.find((candidate) => candidate.version === version)?.effectiveUntil;
            if (version === null || lastDay !== asOf) return;
            // In force on its last day: it expired, and from the next day only a higher version may hold.
            for (const later of inForce.slice(i + 1)) if (later !== null) expect(later).toBeGreaterThan(version);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('recording the same facts in another order gives the same answers for every date', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (scenario, choices) => {
        const facts = scenarioEvents(scenario);
        const reordered = reorder(facts, choices);
        const original = projectAgreement(recorded(facts, scenario.gaps));
        const permuted = projectAgreement(recorded(reordered, scenario.gaps));
        for (let n = -1; n <= DAYS; n++) {
          expect(orderFree(original, day(n))).toEqual(orderFree(permuted, day(n)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replaying every event twice, or reloading a stored state, changes no answer', () => {
    fc.assert(
      fc.property(scenarioArb, queriesArb, (scenario, queries) => {
        const events = recorded(scenarioEvents(scenario), scenario.gaps);
        const state = projectAgreement(events);
        const replayed = projectAgreement(events.flatMap((event) => [event, event]));
        const reloaded = JSON.parse(JSON.stringify(state)) as typeof state;
        expect(replayed).toEqual(state);
        for (const query of queries) expect(status(reloaded, query)).toEqual(status(state, query));
      }),
      { numRuns: 100 },
    );
  });
});

/**
 * A random order the log could have had: the draft first, versions created in order and before
 * any fact about them, decisions that name the same party, version and day kept in their order
 * (it decides ties), an annulment or appeal after its decision, a reversal or resolution after
 * what it names, annulments and appeals of one decision in their order, and terminations and withdrawals kept in theirs.
 */
function reorder(facts: readonly IdentifiedEvent[], choices: readonly number[]): IdentifiedEvent[] {
  const mustFollow = facts.map((fact, index) =>
    facts.slice(0, index).flatMap((earlier, earlierIndex) => (mustPrecede(earlier, fact) ? [earlierIndex] : [])),
  );
  const placed = new Set<number>();
  const order: IdentifiedEvent[] = [];
  while (order.length < facts.length) {
    const ready = facts.map((_, index) => index).filter((index) => !placed.has(index) && mustFollow[index].every((before) => placed.has(before)));
    const next = ready[choices[order.length % choices.length] % ready.length];
    placed.add(next);
    order.push(facts[next]);
  }
  return order;
}

function mustPrecede({ event: earlier, eventId: earlierId }: IdentifiedEvent, { event: later }: IdentifiedEvent): boolean {
  if (earlier.type === 'AgreementDrafted') return true;
  // A withdrawal voids the terminations recorded before it, and only those.
  const aboutTermination = (event: AgreementEvent) => event.type === 'AgreementTerminated' || event.type === 'TerminationWithdrawn';
  if (aboutTermination(earlier) && aboutTermination(later)) return true;
  if (earlier.type === 'AgreementAmended') {
    return later.type === 'AgreementAmended' || ('version' in later.data && later.data.version >= earlier.data.version);
  }
  if (later.type === 'DecisionAnnulled') {
    return earlierId === later.data.decisionId || (earlier.type === 'DecisionAnnulled' && earlier.data.decisionId === later.data.decisionId) || earlier.type === 'AnnulmentReversed';
  }
  if (later.type === 'AnnulmentReversed') return earlierId === later.data.annulmentId;
  // Appeals are listed in log order: those on one decision keep theirs.
  if (later.type === 'AppealLodged') return earlierId === later.data.decisionId || (earlier.type === 'AppealLodged' && earlier.data.decisionId === later.data.decisionId);
  if (later.type === 'AppealResolved') return earlierId === later.data.appealId;
  const decisionKey = (event: AgreementEvent) =>
    event.type === 'DecisionRecorded' ? `${'partyId' in event.data ? event.data.partyId : event.data.jointBody}/${event.data.version}/${event.data.decidedOn}` : undefined;
  return decisionKey(earlier) !== undefined && decisionKey(earlier) === decisionKey(later);
}

/** The answers on a date, without what depends on recording order (times, revisions, list order, same-day ties). */
function orderFree(state: ReturnType<typeof projectAgreement>, asOf: string): unknown {
  const answer = status(state, { asOf });
  if (answer === null) return null;
  const { knownAt: _knownAt, knownAtRevision: _revision, pending, ...rest } = answer;
  // Signatories who signed on the same day are listed in log order.
  const parties = pending.map((party) => ({ ...party, signatories: party.signatories.map((signatory) => JSON.stringify(signatory)).sort() }));
  const history = (versions(state, { asOf }) ?? []).map(({ createdAt: _createdAt, decisions, signatures, ...version }) => ({
    ...version,
    decisions: decisions.map((decision) => JSON.stringify(decision)).sort(),
    signatures: signatures.map((signature) => JSON.stringify(signature)).sort(),
  }));
  return { status: { ...rest, pending: parties }, history };
}

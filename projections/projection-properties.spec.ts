import fc from 'fast-check';
import type {
  AgreementEvent,
  AmendmentChange,
  DecisionOutcome,
  Party,
} from '../src/core/agreement-events.js';
import { projectAgreement } from './agreement-projection.js';
import { evaluateFromScratch } from './evaluate-from-scratch.js';
import { ledgerKnownAt, satisfied } from './rules-from-scratch.js';
import type { KnownAt, RecordedEvent } from './recorded-event.js';
import { status } from './status.js';
import { drafted } from './testing/agreement-fixtures.js';
import { versions } from './versions.js';

/*
 * Random but valid agreement histories: 2–4 parties, amendments that add and remove parties,
 * decisions with random outcomes by competent and other bodies, annulments of recorded decisions,
 * signatures, perhaps a termination. Dates fall within ten days so that they collide.
 */

const DAYS = 10;
const day = (n: number): string => new Date(Date.UTC(2024, 2, 1 + n)).toISOString().slice(0, 10);
const dayNumber = (date: string): number => (Date.parse(date) - Date.UTC(2024, 2, 1)) / 86_400_000;

const pool: Party[] = ['3221318-2', '0201256-6', '0208719-7', '0946709-6', '1094837-2'].map((partyId, index) => ({
  partyId,
  name: `Osapuoli ${index}`,
  kind: index === 0 ? 'wellbeing-services-county' : 'municipality',
  competentBody: `Valtuusto ${index}`,
}));

type Step =
  | { readonly kind: 'amend'; readonly change: 'annex' | 'add-party' | 'remove-party' }
  | { readonly kind: 'decide'; readonly version: number; readonly party: number; readonly competent: boolean; readonly outcome: DecisionOutcome; readonly day: number }
  | { readonly kind: 'annul'; readonly decision: number; readonly after: number }
  | { readonly kind: 'sign'; readonly version: number; readonly party: number; readonly day: number }
  /** Every party of the version approves by its competent body and signs: so that versions do enter into force. */
  | { readonly kind: 'ratify'; readonly version: number; readonly days: readonly number[] };

const dayArb = fc.integer({ min: 0, max: DAYS - 1 });
const outcomeArb = fc.constantFrom<DecisionOutcome>(
  'approved', 'approved', 'approved', 'approved', 'rejected', 'approved-amended', 'noted', 'proposed', 'returned', 'tabled',
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('amend' as const), change: fc.constantFrom('annex' as const, 'add-party' as const, 'remove-party' as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('decide' as const),
      version: fc.nat(),
      party: fc.nat(),
      competent: fc.integer({ min: 0, max: 4 }).map((roll) => roll > 0),
      outcome: outcomeArb,
      day: dayArb,
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('annul' as const), decision: fc.nat(), after: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sign' as const), version: fc.nat(), party: fc.nat(), day: dayArb }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('ratify' as const), version: fc.nat(), days: fc.array(dayArb, { minLength: 10, maxLength: 10 }) }),
  },
);
const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

interface Scenario {
  readonly partyCount: number;
  readonly effectiveFrom: number | undefined;
  readonly steps: readonly Step[];
  readonly termination: number | undefined;
  /** Minutes between consecutive recordings: 0 makes ties, −1 a server clock that stepped back. */
  readonly gaps: readonly number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  partyCount: fc.integer({ min: 2, max: 4 }),
  effectiveFrom: sometimes(dayArb),
  steps: fc.array(stepArb, { minLength: 4, maxLength: 24, size: 'max' }),
  termination: sometimes(dayArb),
  gaps: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 100, maxLength: 100 }),
});

/** Turns abstract steps into events the decider would accept. */
function factsOf(scenario: Scenario): AgreementEvent[] {
  const versionParties: Party[][] = [pool.slice(0, scenario.partyCount)];
  const decisions: { partyId: string; version: number; decidedOn: string }[] = [];
  const signed = new Set<string>();
  const events: AgreementEvent[] = [
    drafted({
      parties: versionParties[0],
      ...(scenario.effectiveFrom === undefined ? {} : { effectiveFrom: day(scenario.effectiveFrom) }),
    }),
  ];
  const sign = (party: Party, version: number, signedOn: number): void => {
    if (signed.has(`${party.partyId}/${version}`)) return;
    signed.add(`${party.partyId}/${version}`);
    events.push({
      type: 'AgreementSigned',
      data: { partyId: party.partyId, version, signatory: { name: 'N', title: 'T' }, signedOn: day(signedOn), method: 'handwritten' },
    });
  };
  for (const step of scenario.steps) {
    if (step.kind === 'amend') {
      if (versionParties.length >= 4) continue;
      const latest = versionParties[versionParties.length - 1];
      const newcomer = pool.find((party) => !latest.includes(party));
      let change: AmendmentChange = { op: 'amend-annex', annexId: 'B', sha256: String(versionParties.length).repeat(64) };
      let parties = latest;
      if (step.change === 'add-party' && newcomer !== undefined) {
        change = { op: 'add-party', party: newcomer };
        parties = [...latest, newcomer];
      } else if (step.change === 'remove-party' && latest.length > 1) {
        change = { op: 'remove-party', partyId: latest[0].partyId };
        parties = latest.slice(1);
      }
      versionParties.push(parties);
      const version = versionParties.length;
      events.push({ type: 'AgreementAmended', data: { version, basedOn: version - 1, summary: `muutos ${version}`, changes: [change] } });
    } else if (step.kind === 'decide') {
      const version = (step.version % versionParties.length) + 1;
      const parties = versionParties[version - 1];
      const party = parties[step.party % parties.length];
      const decidedOn = day(step.day);
      decisions.push({ partyId: party.partyId, version, decidedOn });
      events.push({
        type: 'DecisionRecorded',
        data: {
          partyId: party.partyId,
          body: step.competent ? party.competentBody : `Hallitus ${party.name}`,
          outcome: step.outcome,
          version,
          decidedOn,
          meeting: { section: `§ ${events.length}` },
        },
      });
    } else if (step.kind === 'annul') {
      if (decisions.length === 0) continue;
      const { partyId, version, decidedOn } = decisions[step.decision % decisions.length];
      const annulledOn = day(Math.min(dayNumber(decidedOn) + step.after, DAYS - 1));
      events.push({ type: 'DecisionAnnulled', data: { partyId, version, decidedOn, annulledOn, authority: 'HaO', reason: 'virhe' } });
    } else if (step.kind === 'sign') {
      const version = (step.version % versionParties.length) + 1;
      const parties = versionParties[version - 1];
      sign(parties[step.party % parties.length], version, step.day);
    } else {
      const version = (step.version % versionParties.length) + 1;
      versionParties[version - 1].forEach((party, index) => {
        const decidedOn = day(step.days[index * 2]);
        decisions.push({ partyId: party.partyId, version, decidedOn });
        events.push({
          type: 'DecisionRecorded',
          data: { partyId: party.partyId, body: party.competentBody, outcome: 'approved', version, decidedOn, meeting: { section: '§ 1' } },
        });
        sign(party, version, step.days[index * 2 + 1]);
      });
    }
  }
  if (scenario.termination !== undefined) {
    events.push({ type: 'AgreementTerminated', data: { effectiveOn: day(scenario.termination), reason: 'päättyy' } });
  }
  return events;
}

const firstRecording = Date.parse('2024-03-20T08:00:00.000Z');

function recorded(facts: readonly AgreementEvent[], gaps: readonly number[]): RecordedEvent[] {
  let clock = firstRecording;
  return facts.map((event, revision) => {
    clock += (gaps[revision % gaps.length] ?? 1) * 60_000;
    return { event, revision, position: `p${revision}`, recordedAt: new Date(clock).toISOString() };
  });
}

const asOfArb = fc.integer({ min: -1, max: DAYS }).map(day);
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
        const events = recorded(factsOf(scenario), scenario.gaps);
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

  it('the version reported in force is satisfied and no higher version is', () => {
    fc.assert(
      fc.property(scenarioArb, queriesArb, (scenario, queries) => {
        const events = recorded(factsOf(scenario), scenario.gaps);
        const state = projectAgreement(events);
        for (const query of queries) {
          const answer = status(state, query);
          const ledger = ledgerKnownAt(events, query);
          if (answer === null || ledger === null) {
            expect(answer).toBeNull();
            expect(ledger).toBeNull();
            continue;
          }
          const holding = ledger.versions.map((version) => version.version).filter((version) => satisfied(ledger, version, query.asOf));
          const terminated = ledger.terminatedOn !== null && ledger.terminatedOn <= query.asOf;
          if (answer.inForceVersion === null) {
            expect(terminated || holding.length === 0).toBe(true);
          } else {
            expect(terminated).toBe(false);
            expect(satisfied(ledger, answer.inForceVersion, query.asOf)).toBe(true);
            expect(holding.filter((version) => version > (answer.inForceVersion as number))).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('recording the same facts in another order gives the same answers for every date', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (scenario, choices) => {
        const facts = factsOf(scenario);
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
        const events = recorded(factsOf(scenario), scenario.gaps);
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
 * any fact about them, and decisions and annulments that name the same party, version and day
 * kept in their order (it decides ties and which decisions an annulment reaches).
 */
function reorder(facts: readonly AgreementEvent[], choices: readonly number[]): AgreementEvent[] {
  const mustFollow = facts.map((fact, index) =>
    facts.slice(0, index).flatMap((earlier, earlierIndex) => (mustPrecede(earlier, fact) ? [earlierIndex] : [])),
  );
  const placed = new Set<number>();
  const order: AgreementEvent[] = [];
  while (order.length < facts.length) {
    const ready = facts.map((_, index) => index).filter((index) => !placed.has(index) && mustFollow[index].every((before) => placed.has(before)));
    const next = ready[choices[order.length % choices.length] % ready.length];
    placed.add(next);
    order.push(facts[next]);
  }
  return order;
}

function mustPrecede(earlier: AgreementEvent, later: AgreementEvent): boolean {
  if (earlier.type === 'AgreementDrafted') return true;
  if (earlier.type === 'AgreementAmended') {
    return later.type === 'AgreementAmended' || ('version' in later.data && later.data.version >= earlier.data.version);
  }
  const sameDecisionKey = (event: AgreementEvent) =>
    event.type === 'DecisionRecorded' || event.type === 'DecisionAnnulled'
      ? `${event.data.partyId}/${event.data.version}/${event.data.decidedOn}`
      : undefined;
  return sameDecisionKey(earlier) !== undefined && sameDecisionKey(earlier) === sameDecisionKey(later);
}

/** The answers on a date, without what depends on recording order (times, revisions, list order). */
function orderFree(state: ReturnType<typeof projectAgreement>, asOf: string): unknown {
  const answer = status(state, { asOf });
  if (answer === null) return null;
  const { knownAt: _knownAt, knownAtRevision: _revision, ...rest } = answer;
  const history = (versions(state, { asOf }) ?? []).map(({ createdAt: _createdAt, decisions, signatures, ...version }) => ({
    ...version,
    decisions: decisions.map((decision) => JSON.stringify(decision)).sort(),
    signatures: signatures.map((signature) => JSON.stringify(signature)).sort(),
  }));
  return { status: rest, history };
}

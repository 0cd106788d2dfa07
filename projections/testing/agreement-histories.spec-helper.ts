import fc from 'fast-check';
import type { AgreementEvent, AmendmentChange, DecisionOutcome, Party } from '../../src/core/agreement-events.js';
import { drafted } from './agreement-fixtures.js';

/*
 * Random but valid agreement histories: 2–4 parties, amendments that add and remove parties,
 * decisions with random outcomes by competent and other bodies, annulments of recorded decisions,
 * signatures by one or more signatories, terms set by the draft and revised by amendments,
 * perhaps a termination, perhaps withdrawn and followed by another. Dates fall within ten days so that they collide.
 */

export const DAYS = 10;
export const day = (n: number): string => new Date(Date.UTC(2024, 2, 1 + n)).toISOString().slice(0, 10);
const dayNumber = (date: string): number => (Date.parse(date) - Date.UTC(2024, 2, 1)) / 86_400_000;

const pool: Party[] = ['3221318-2', '0201256-6', '0208719-7', '0946709-6', '1094837-2'].map((partyId, index) => ({
  partyId,
  name: `Osapuoli ${index}`,
  kind: index === 0 ? 'wellbeing-services-county' : 'municipality',
  competentBody: `Valtuusto ${index}`,
}));

type Step =
  | { readonly kind: 'amend'; readonly change: 'annex' | 'add-party' | 'remove-party' | 'term'; readonly term: TermChange }
  | { readonly kind: 'decide'; readonly version: number; readonly party: number; readonly competent: boolean; readonly outcome: DecisionOutcome; readonly day: number }
  | { readonly kind: 'annul'; readonly decision: number; readonly after: number }
  | { readonly kind: 'sign'; readonly version: number; readonly party: number; readonly signatory: number; readonly day: number }
  /** Every party of the version approves by its competent body and signs: so that versions do enter into force. */
  | { readonly kind: 'ratify'; readonly version: number; readonly days: readonly number[] };

const dayArb = fc.integer({ min: 0, max: DAYS - 1 });
/** A revise-term change as days: undefined keeps the end, null opens it. */
interface TermChange {
  readonly from: number | null | undefined;
  readonly until: number | null | undefined;
}
const termEndArb = fc.oneof(fc.constant(undefined), fc.constant(null), dayArb);
const termChangeArb: fc.Arbitrary<TermChange> = fc.record({ from: termEndArb, until: termEndArb });
/** A party may sign with several; the first is the one `ratify` uses. */
const SIGNATORIES = ['Nimi Ensimmäinen', 'Nimi Toinen', 'Nimi Kolmas'];
const outcomeArb = fc.constantFrom<DecisionOutcome>(
  'approved', 'approved', 'approved', 'approved', 'rejected', 'approved-amended', 'noted', 'proposed', 'returned', 'tabled',
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      change: fc.constantFrom('annex' as const, 'add-party' as const, 'remove-party' as const, 'term' as const),
      term: termChangeArb,
    }),
  },
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
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('sign' as const), version: fc.nat(), party: fc.nat(), signatory: fc.nat(SIGNATORIES.length - 1), day: dayArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('ratify' as const), version: fc.nat(), days: fc.array(dayArb, { minLength: 10, maxLength: 10 }) }),
  },
);
const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

export interface Scenario {
  readonly partyCount: number;
  readonly effectiveFrom: number | undefined;
  /** Days after effectiveFrom (or day 0) of the draft's last day in force. */
  readonly termLength: number | undefined;
  readonly steps: readonly Step[];
  readonly termination: number | undefined;
  /**
   * The termination withdrawn, perhaps followed by another. Recorded whatever its date: the
   * decider's own date rule aside, the projection voids the terminations a withdrawal follows.
   */
  readonly withdrawal: { readonly terminatedAgain: number | undefined } | undefined;
  /** Minutes between consecutive recordings: 0 makes ties, −1 a server clock that stepped back. */
  readonly gaps: readonly number[];
}

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  partyCount: fc.integer({ min: 2, max: 4 }),
  effectiveFrom: sometimes(dayArb),
  // Often, so that terms end within the ten days and versions expire.
  termLength: fc.oneof(fc.constant(undefined), dayArb),
  steps: fc.array(stepArb, { minLength: 4, maxLength: 24, size: 'max' }),
  termination: sometimes(dayArb),
  withdrawal: fc.option(fc.record({ terminatedAgain: sometimes(dayArb) }), { nil: undefined }),
  gaps: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 100, maxLength: 100 }),
});

/** Turns abstract steps into events the decider would accept, for the agreement of the default draft or `agreementId`. */
export function scenarioEvents(scenario: Scenario, agreementId?: string): AgreementEvent[] {
  const versionParties: Party[][] = [pool.slice(0, scenario.partyCount)];
  const draftFrom = scenario.effectiveFrom;
  const draftUntil = scenario.termLength === undefined ? undefined : Math.min((draftFrom ?? 0) + scenario.termLength, DAYS - 1);
  /** Each version's term, as days; null is an open end. */
  const terms: { from: number | null; until: number | null }[] = [{ from: draftFrom ?? null, until: draftUntil ?? null }];
  const decisions: { partyId: string; version: number; decidedOn: string }[] = [];
  const signed = new Set<string>();
  const events: AgreementEvent[] = [
    drafted({
      ...(agreementId === undefined ? {} : { agreementId }),
      parties: versionParties[0],
      ...(draftFrom === undefined ? {} : { effectiveFrom: day(draftFrom) }),
      ...(draftUntil === undefined ? {} : { effectiveUntil: day(draftUntil) }),
    }),
  ];
  // Each signatory signs a version for a party once: the decider makes a repeat a no-op.
  const sign = (party: Party, version: number, signedOn: number, signatory = 0): void => {
    const name = SIGNATORIES[signatory % SIGNATORIES.length] as string;
    if (signed.has(`${party.partyId}/${version}/${name}`)) return;
    signed.add(`${party.partyId}/${version}/${name}`);
    events.push({
      type: 'AgreementSigned',
      data: { partyId: party.partyId, version, signatory: { name, title: 'T' }, signedOn: day(signedOn), method: 'handwritten' },
    });
  };
  for (const step of scenario.steps) {
    if (step.kind === 'amend') {
      if (versionParties.length >= 4) continue;
      const latest = versionParties[versionParties.length - 1];
      const newcomer = pool.find((party) => !latest.includes(party));
      let change: AmendmentChange = { op: 'amend-annex', annexId: 'B', sha256: String(versionParties.length).repeat(64) };
      let parties = latest;
      let term = terms[terms.length - 1]!;
      const { from, until } = step.term;
      const revised = { from: from === undefined ? term.from : from, until: until === undefined ? term.until : until };
      const inOrder = revised.from === null || revised.until === null || revised.from <= revised.until;
      if (step.change === 'term' && (from !== undefined || until !== undefined) && inOrder) {
        // The decider refuses a term that ends before it begins, or a revision naming neither end.
        const date = (end: number | null) => (end === null ? null : day(end));
        change = {
          op: 'revise-term',
          ...(from === undefined ? {} : { effectiveFrom: date(from) }),
          ...(until === undefined ? {} : { effectiveUntil: date(until) }),
        };
        term = revised;
      } else if (step.change === 'add-party' && newcomer !== undefined) {
        change = { op: 'add-party', party: newcomer };
        parties = [...latest, newcomer];
      } else if (step.change === 'remove-party' && latest.length > 1) {
        change = { op: 'remove-party', partyId: latest[0].partyId };
        parties = latest.slice(1);
      }
      versionParties.push(parties);
      terms.push(term);
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
      sign(parties[step.party % parties.length], version, step.day, step.signatory);
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
    if (scenario.withdrawal !== undefined) {
      events.push({ type: 'TerminationWithdrawn', data: { reason: 'peruttu' } });
      const again = scenario.withdrawal.terminatedAgain;
      if (again !== undefined) events.push({ type: 'AgreementTerminated', data: { effectiveOn: day(again), reason: 'päättyy sittenkin' } });
    }
  }
  return events;
}

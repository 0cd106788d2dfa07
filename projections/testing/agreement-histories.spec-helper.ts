import fc from 'fast-check';
import type { DecisionOutcome, Party } from '../../src/core/agreement-events.js';

/*
 * Random but valid agreement histories, as abstract scenarios (scenario-events.spec-helper.ts turns
 * them into events): 2–4 parties, amendments that add and remove parties or revise the term,
 * decisions with random outcomes by competent and other bodies, annulments of recorded decisions
 * (by id) and reversals of those annulments, minutes published now and then, appeals lodged and
 * resolved (over weeks, so that appeal windows end within the questions asked),
 * signatures by one or more signatories, perhaps a termination, perhaps withdrawn and followed by
 * another. Dates fall within ten days so that they collide and terms end within them. Some
 * agreements are hub-and-spoke, the first party the hub.
 */

export const DAYS = 10;
export const day = (n: number): string => new Date(Date.UTC(2024, 2, 1 + n)).toISOString().slice(0, 10);
export const dayNumber = (date: string): number => (Date.parse(date) - Date.UTC(2024, 2, 1)) / 86_400_000;

export const pool: Party[] = ['3221318-2', '0201256-6', '0208719-7', '0946709-6', '1094837-2'].map((partyId, index) => ({
  partyId,
  name: `Osapuoli ${index}`,
  kind: index === 0 ? 'wellbeing-services-county' : 'municipality',
  competentBody: `Valtuusto ${index}`,
  competentBodyKind: 'council',
  // Some decisions are the board's (scenario-events.spec-helper.ts): listed, never binding.
  otherBodies: [`Hallitus Osapuoli ${index}`],
}));

type Step =
  | { readonly kind: 'amend'; readonly change: 'annex' | 'add-party' | 'remove-party' | 'term'; readonly term: TermChange }
  | {
      readonly kind: 'decide';
      readonly version: number;
      readonly party: number;
      readonly competent: boolean;
      readonly outcome: DecisionOutcome;
      readonly day: number;
      /** Days after the meeting its minutes were published; undefined: not known. */
      readonly published: number | undefined;
    }
  | { readonly kind: 'annul'; readonly decision: number; readonly after: number }
  /** A higher court reverses one of the annulments so far, `after` days after it. */
  | { readonly kind: 'reverse'; readonly annulment: number; readonly after: number }
  /** An appeal against a decision so far, `after` days after it, perhaps resolved `resolvedAfter` days after that. */
  | { readonly kind: 'appeal'; readonly decision: number; readonly after: number; readonly resolvedAfter: number | undefined }
  | { readonly kind: 'sign'; readonly version: number; readonly party: number; readonly signatory: number; readonly day: number }
  /** Every party of the version approves by its competent body and signs: so that versions do enter into force. */
  | { readonly kind: 'ratify'; readonly version: number; readonly days: readonly number[]; readonly published: number | undefined };

const dayArb = fc.integer({ min: 0, max: DAYS - 1 });
/** A revise-term change as days: undefined keeps the end, null opens it. */
export interface TermChange {
  readonly from: number | null | undefined;
  readonly until: number | null | undefined;
}
const termEndArb = fc.oneof(fc.constant(undefined), fc.constant(null), dayArb);
const termChangeArb: fc.Arbitrary<TermChange> = fc.record({ from: termEndArb, until: termEndArb });
/** A party may sign with several; the first is the one `ratify` uses. */
export const SIGNATORIES = ['Nimi Ensimmäinen', 'Nimi Toinen', 'Nimi Kolmas'];
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
      published: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('annul' as const), decision: fc.nat(), after: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), annulment: fc.nat(), after: fc.integer({ min: 0, max: 4 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('appeal' as const),
      decision: fc.nat(),
      after: fc.integer({ min: 0, max: 30 }),
      resolvedAfter: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('sign' as const), version: fc.nat(), party: fc.nat(), signatory: fc.nat(SIGNATORIES.length - 1), day: dayArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('ratify' as const),
      version: fc.nat(),
      days: fc.array(dayArb, { minLength: 10, maxLength: 10 }),
      published: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    }),
  },
);
const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

export interface Scenario {
  readonly partyCount: number;
  /** The first party is the hub of a hub-and-spoke agreement; else all-parties. */
  readonly hubAndSpoke: boolean;
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
  hubAndSpoke: fc.boolean(),
  effectiveFrom: sometimes(dayArb),
  // Often, so that terms end within the ten days and versions expire.
  termLength: fc.oneof(fc.constant(undefined), dayArb),
  steps: fc.array(stepArb, { minLength: 4, maxLength: 24, size: 'max' }),
  termination: sometimes(dayArb),
  withdrawal: fc.option(fc.record({ terminatedAgain: sometimes(dayArb) }), { nil: undefined }),
  gaps: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 100, maxLength: 100 }),
});

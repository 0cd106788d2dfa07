import type {
  AgreementAmended,
  AgreementDrafted,
  AgreementKind,
  AgreementSigned,
  AgreementTerminated,
  AmendmentChange,
  AnnulmentReversed,
  ForceRule,
  AppealLodged,
  AppealResolved,
  DecisionAnnulled,
  DecisionRecorded,
  ObligationFulfilled,
  TerminationWithdrawn,
} from '../src/core/agreement-events.js';
import type { RecordedEvent, Stamp } from './recorded-event.js';
import { amendContent, draftContent, type VersionContent } from '../src/core/version-content.js';
import { forceRuleOf } from '../src/core/force-rule.js';

/**
 * The persisted projection state of one agreement: its versions and every later fact, stamped.
 * `evolve` only files facts, in O(1) per fact; the rules are evaluated by the query functions,
 * because "in force" depends on asOf and knownAt, which are only known when someone asks.
 * Plain JSON, so the runner can store it as is (a stored older state may carry facts beyond its
 * `factCount`; they stay invisible after reloading too).
 */
export type AgreementProjection = NoAgreement | DraftedAgreement;

export interface NoAgreement {
  readonly status: 'empty';
}

export interface DraftedAgreement {
  readonly status: 'drafted';
  readonly agreementId: string;
  readonly title: string;
  readonly region: string;
  readonly kind: AgreementKind;
  /** Set by the draft; all-parties for a draft recorded before drafts named one. */
  readonly forceRule: ForceRule;
  /** The agreement this one is part of, or null. */
  readonly partOf: string | null;
  /** Version n is at index n − 1. */
  readonly versions: readonly VersionRecord[];
  /**
   * Decisions, annulments and their reversals, signatures, terminations and their withdrawals in log order. This state is the first
   * `factCount` entries. The array is shared with the states after this one and only ever
   * appended to: copying it on every fact made a rebuild allocate O(facts²) of old-generation
   * garbage. Read it through `factsOf`.
   */
  readonly facts: readonly RecordedFact[];
  readonly factCount: number;
  /** The last event applied: redeliveries at or below it are ignored. */
  readonly revision: number;
}

export type Fact =
  | DecisionRecorded
  | DecisionAnnulled
  | AnnulmentReversed
  | AppealLodged
  | AppealResolved
  | AgreementSigned
  | AgreementTerminated
  | TerminationWithdrawn
  | ObligationFulfilled;

export interface RecordedFact extends Stamp {
  readonly event: Fact;
}

export interface VersionRecord extends VersionContent {
  readonly version: number;
  readonly basedOn: number | null;
  /** The draft's or amendment's stamp: the version exists for a knownAt from then on. */
  readonly created: Stamp;
  readonly summary: string | null;
  readonly changes: readonly AmendmentChange[];
}

/** The log broke an invariant the decider guarantees; an auditor must hear of it, not get a guess. */
export class InvalidAgreementStreamError extends Error {
  override readonly name: string = 'InvalidAgreementStreamError';
}

/**
 * An event arrived past the next revision: the ones between were never applied. Skipping them
 * would answer from a history with holes, so the fold stops; it is a reader's fault (a stale
 * state, a lost page) as often as the log's, hence the stream and both revisions in the message.
 */
export class RevisionGapError extends InvalidAgreementStreamError {
  override readonly name = 'RevisionGapError';

  constructor(
    /** Undefined when the gap comes before the draft, which names the agreement. */
    readonly agreementId: string | undefined,
    readonly expectedRevision: number,
    readonly foundRevision: number,
    position: string,
  ) {
    super(
      `agreement-${agreementId ?? '?'}: expected revision ${expectedRevision}, found ${foundRevision} (position ${position}); ` +
        `revisions ${expectedRevision}–${foundRevision - 1} were never applied`,
    );
  }
}

export function initialAgreementProjection(): AgreementProjection {
  return { status: 'empty' };
}

export function evolve(state: AgreementProjection, recorded: RecordedEvent): AgreementProjection {
  // Delivery is at least once: an event at or below the last applied revision was already filed.
  if (state.status === 'drafted' && recorded.revision <= state.revision) return state;
  const { event, eventId, revision, position, recordedAt } = recorded;
  const expected = state.status === 'drafted' ? state.revision + 1 : 0;
  if (revision !== expected) {
    const agreementId = state.status === 'drafted' ? state.agreementId : event.type === 'AgreementDrafted' ? event.data.agreementId : undefined;
    throw new RevisionGapError(agreementId, expected, revision, position);
  }
  switch (event.type) {
    case 'AgreementDrafted':
      if (state.status !== 'empty') throw invalid(recorded, 'a second draft');
      return drafted(event.data, { eventId, revision, position, recordedAt });
    case 'AgreementAmended':
      if (state.status === 'empty') throw invalid(recorded, 'an amendment before the draft');
      return { ...state, versions: [...state.versions, amended(state, event.data, recorded)], revision };
    case 'DecisionRecorded':
    case 'DecisionAnnulled':
    case 'AnnulmentReversed':
    case 'AppealLodged':
    case 'AppealResolved':
    case 'AgreementSigned':
    case 'AgreementTerminated':
    case 'TerminationWithdrawn':
    case 'ObligationFulfilled':
      if (state.status === 'empty') throw invalid(recorded, `${event.type} before the draft`);
      if ('version' in event.data && state.versions[event.data.version - 1] === undefined) {
        throw invalid(recorded, `${event.type} on version ${event.data.version}, which does not exist`);
      }
      return withFact(state, { eventId, revision, position, recordedAt, event });
    default: {
      const unknown: never = event;
      throw invalid(recorded, `unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/** The last revision the state holds; −1 before the draft. Of two states of one stream, the higher is newer. */
export function revisionOf(state: AgreementProjection): number {
  return state.status === 'drafted' ? state.revision : -1;
}

/** This state's facts: the first `factCount` of the shared array. */
export function factsOf(state: DraftedAgreement): readonly RecordedFact[] {
  return state.facts.length === state.factCount ? state.facts : state.facts.slice(0, state.factCount);
}

function withFact(state: DraftedAgreement, fact: RecordedFact): DraftedAgreement {
  // Appending in place is invisible to every earlier state, which reads only its own prefix;
  // a second branch from the same state finds the array longer than its count and gets a copy.
  const facts = factsOf(state) as RecordedFact[];
  facts.push(fact);
  // Spelled out rather than spread: one object shape for every state keeps the fold fast.
  return {
    status: 'drafted',
    agreementId: state.agreementId,
    title: state.title,
    region: state.region,
    kind: state.kind,
    forceRule: state.forceRule,
    partOf: state.partOf,
    versions: state.versions,
    facts,
    factCount: state.factCount + 1,
    revision: fact.revision,
  };
}

function drafted(data: AgreementDrafted['data'], stamp: Stamp): DraftedAgreement {
  const version1: VersionRecord = { version: 1, basedOn: null, created: stamp, summary: null, changes: [], ...draftContent(data) };
  return {
    status: 'drafted',
    agreementId: data.agreementId,
    title: data.title,
    region: data.region,
    kind: data.kind,
    forceRule: forceRuleOf(data),
    partOf: data.partOf ?? null,
    versions: [version1],
    facts: [],
    factCount: 0,
    revision: stamp.revision,
  };
}

function amended(state: DraftedAgreement, data: AgreementAmended['data'], recorded: RecordedEvent): VersionRecord {
  const base = state.versions[data.basedOn - 1];
  if (data.version !== state.versions.length + 1 || base === undefined) {
    throw invalid(recorded, `version ${data.version} based on ${data.basedOn} after version ${state.versions.length}`);
  }
  const { version, basedOn, summary, changes } = data;
  const created: Stamp = { eventId: recorded.eventId, revision: recorded.revision, position: recorded.position, recordedAt: recorded.recordedAt };
  return { version, basedOn, created, summary, changes, ...amendContent(base, changes) };
}

function invalid(stamp: Stamp, what: string): InvalidAgreementStreamError {
  return new InvalidAgreementStreamError(`revision ${stamp.revision} (position ${stamp.position}): ${what}`);
}

/** Folds a stream from scratch; the runner folds one event at a time instead. */
export function projectAgreement(events: Iterable<RecordedEvent>): AgreementProjection {
  let state = initialAgreementProjection();
  for (const recorded of events) state = evolve(state, recorded);
  return state;
}

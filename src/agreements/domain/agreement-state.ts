import type { AgreementEvent, AgreementSigned, AgreementTerminated, DecisionOutcome, ForceRule, IsoDate } from '../../core/agreement-events.js';
import { forceRuleOf } from '../../core/force-rule.js';
import { amendContent, draftContent, type VersionContent } from '../../core/version-content.js';
import { decisionMaker } from '../../core/party-bodies.js';

/**
 * The write-side state of one agreement: only what `decide` needs to judge the next command.
 * Whether a version is in force is a read-side question (projections/), not answered here.
 */

export interface RecordedDecision {
  /** The eventId of its DecisionRecorded: annulments and appeals name it. */
  readonly decisionId: string;
  /** Null for a joint body's decision: no party made it. */
  readonly partyId: string | null;
  readonly body: string;
  readonly outcome: DecisionOutcome;
  readonly decidedOn: IsoDate;
}

/** An annulment as recorded; `reversedOn` once a higher authority reversed it. */
export interface RecordedAnnulment {
  /** The eventId of its DecisionAnnulled: a reversal names it. */
  readonly annulmentId: string;
  readonly decisionId: string;
  readonly annulledOn: IsoDate;
  readonly reversedOn?: IsoDate;
}

/** An appeal against a decision; `resolvedOn` once resolved. */
export interface RecordedAppeal {
  readonly appealId: string;
  readonly decisionId: string;
  readonly lodgedOn: IsoDate;
  readonly resolvedOn?: IsoDate;
}

/** Kept whole so a repeated signature can be recognised as the same one. */
export type RecordedSignature = Omit<AgreementSigned['data'], 'version'>;

export interface AgreementVersion extends VersionContent {
  readonly number: number;
  /** In log order. */
  readonly decisions: readonly RecordedDecision[];
  readonly signatures: readonly RecordedSignature[];
}

interface AgreementFacts {
  readonly agreementId: string;
  readonly region: string;
  /** Set by the draft: an amendment may not remove a hub-and-spoke agreement's hub. */
  readonly forceRule: ForceRule;
  /** Version 1 first; numbers are contiguous. */
  readonly versions: readonly AgreementVersion[];
  readonly latestVersion: number;
  /** Every annulment in log order, reversed or not. */
  readonly annulments: readonly RecordedAnnulment[];
  /** Every appeal in log order, resolved or not. */
  readonly appeals: readonly RecordedAppeal[];
}

/**
 * `none`: no such agreement yet. `active`: drafted, no termination standing (in force or not).
 * `terminated`: a termination stands. It blocks commands dated from its effectiveOn, which may lie
 * ahead; until then commands dated earlier are accepted.
 */
export type AgreementState =
  | { readonly status: 'none' }
  | (AgreementFacts & { readonly status: 'active' })
  | (AgreementFacts & { readonly status: 'terminated'; readonly termination: AgreementTerminated['data'] });

export type ExistingAgreement = Exclude<AgreementState, { status: 'none' }>;

export function initialState(): AgreementState {
  return { status: 'none' };
}

/** `eventId` is the event's id in the log: later events refer to decisions and annulments by it. */
export function evolve(state: AgreementState, event: AgreementEvent, eventId: string): AgreementState {
  switch (event.type) {
    case 'AgreementDrafted': {
      const { agreementId, region } = event.data;
      return { status: 'active', agreementId, region, forceRule: forceRuleOf(event.data), versions: [newVersion(1, draftContent(event.data))], latestVersion: 1, annulments: [], appeals: [] };
    }
    case 'AgreementAmended': {
      if (state.status === 'none') return state;
      const base = findVersion(state, event.data.basedOn);
      if (base === undefined) return state;
      const content = amendContent(base, event.data.changes);
      return {
        ...state,
        versions: [...state.versions, newVersion(event.data.version, content)],
        latestVersion: event.data.version,
      };
    }
    case 'DecisionRecorded': {
      const { outcome, decidedOn } = event.data;
      const { partyId, body } = decisionMaker(event.data);
      return updateVersion(state, event.data.version, (version) => ({
        ...version,
        decisions: [...version.decisions, { decisionId: eventId, partyId, body, outcome, decidedOn }],
      }));
    }
    case 'DecisionAnnulled': {
      if (state.status === 'none') return state;
      const { decisionId, annulledOn } = event.data;
      return { ...state, annulments: [...state.annulments, { annulmentId: eventId, decisionId, annulledOn }] };
    }
    case 'AnnulmentReversed': {
      if (state.status === 'none') return state;
      const { annulmentId, reversedOn } = event.data;
      return { ...state, annulments: state.annulments.map((a) => (a.annulmentId === annulmentId ? { ...a, reversedOn } : a)) };
    }
    case 'AppealLodged': {
      if (state.status === 'none') return state;
      const { decisionId, lodgedOn } = event.data;
      return { ...state, appeals: [...state.appeals, { appealId: eventId, decisionId, lodgedOn }] };
    }
    case 'AppealResolved': {
      if (state.status === 'none') return state;
      const { appealId, resolvedOn } = event.data;
      return { ...state, appeals: state.appeals.map((a) => (a.appealId === appealId ? { ...a, resolvedOn } : a)) };
    }
    case 'AgreementSigned': {
      const { version: number, ...signature } = event.data;
      return updateVersion(state, number, (version) => ({ ...version, signatures: [...version.signatures, signature] }));
    }
    case 'AgreementTerminated':
      if (state.status === 'none') return state;
      return { ...state, status: 'terminated', termination: event.data };
    case 'TerminationWithdrawn': {
      if (state.status !== 'terminated') return state;
      const { termination: _void, ...agreement } = state;
      return { ...agreement, status: 'active' };
    }
    case 'ObligationFulfilled':
      return state; // a fulfilment constrains no later command
    default:
      return assertNever(event);
  }
}

export function findVersion(agreement: ExistingAgreement, number: number): AgreementVersion | undefined {
  return agreement.versions.find((version) => version.number === number);
}

/** The decision with this id and the version it is on, if the agreement has it. */
export function findDecision(agreement: ExistingAgreement, decisionId: string): { version: AgreementVersion; decision: RecordedDecision } | undefined {
  for (const version of agreement.versions) {
    const decision = version.decisions.find((d) => d.decisionId === decisionId);
    if (decision !== undefined) return { version, decision };
  }
  return undefined;
}

/** The annulment of the decision that no reversal has undone, if one stands. */
export function standingAnnulment(agreement: ExistingAgreement, decisionId: string): RecordedAnnulment | undefined {
  return agreement.annulments.find((a) => a.decisionId === decisionId && a.reversedOn === undefined);
}

function newVersion(number: number, content: VersionContent): AgreementVersion {
  return { number, ...content, decisions: [], signatures: [] };
}

function updateVersion(
  state: AgreementState,
  number: number,
  update: (version: AgreementVersion) => AgreementVersion,
): AgreementState {
  if (state.status === 'none') return state;
  return { ...state, versions: state.versions.map((version) => (version.number === number ? update(version) : version)) };
}

export function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

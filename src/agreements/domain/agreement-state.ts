import type { AgreementEvent, AgreementSigned, AgreementTerminated, DecisionOutcome, IsoDate } from '../../core/agreement-events.js';
import { amendContent, draftContent, type VersionContent } from '../../core/version-content.js';

/**
 * The write-side state of one agreement: only what `decide` needs to judge the next command.
 * Whether a version is in force is a read-side question (projections/), not answered here.
 */

export interface RecordedDecision {
  readonly partyId: string;
  readonly body: string;
  readonly outcome: DecisionOutcome;
  readonly decidedOn: IsoDate;
  /** Set once annulled; the decision stops counting from this date. */
  readonly annulledOn?: IsoDate;
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
  /** Version 1 first; numbers are contiguous. */
  readonly versions: readonly AgreementVersion[];
  readonly latestVersion: number;
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

export function evolve(state: AgreementState, event: AgreementEvent): AgreementState {
  switch (event.type) {
    case 'AgreementDrafted': {
      const { agreementId, region } = event.data;
      return { status: 'active', agreementId, region, versions: [newVersion(1, draftContent(event.data))], latestVersion: 1 };
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
      const { partyId, body, outcome, decidedOn } = event.data;
      return updateVersion(state, event.data.version, (version) => ({
        ...version,
        decisions: [...version.decisions, { partyId, body, outcome, decidedOn }],
      }));
    }
    case 'DecisionAnnulled': {
      const { partyId, decidedOn, annulledOn } = event.data;
      return updateVersion(state, event.data.version, (version) => {
        const annulled = decisionToAnnul(version, partyId, decidedOn);
        if (annulled === undefined) return version;
        return { ...version, decisions: version.decisions.map((d) => (d === annulled ? { ...d, annulledOn } : d)) };
      });
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
    default:
      return assertNever(event);
  }
}

export function findVersion(agreement: ExistingAgreement, number: number): AgreementVersion | undefined {
  return agreement.versions.find((version) => version.number === number);
}

/**
 * The decision an annulment of (party, decidedOn) hits: when one day holds several decisions of
 * the party (e.g. tabled, then approved), the latest one not yet annulled.
 */
export function decisionToAnnul(version: AgreementVersion, partyId: string, decidedOn: IsoDate): RecordedDecision | undefined {
  return version.decisions.findLast((d) => d.partyId === partyId && d.decidedOn === decidedOn && d.annulledOn === undefined);
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

import type {
  AgreementEvent,
  AgreementSigned,
  AgreementTerminated,
  AmendmentChange,
  DecisionOutcome,
  DocumentRef,
  IsoDate,
  Party,
} from '../../core/agreement-events.js';

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

/** What a version says: who the parties are, the main document and which annexes it has. */
export interface VersionContent {
  readonly parties: readonly Party[];
  readonly document: DocumentRef;
  readonly annexIds: readonly string[];
}

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
 * `none`: no such agreement yet. `active`: drafted and not terminated (in force or not).
 * `terminated`: a termination is recorded, whatever its effective date; no command is accepted.
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
      const { agreementId, region, parties, document, annexes } = event.data;
      const content = { parties, document, annexIds: annexes.map((annex) => annex.annexId) };
      return { status: 'active', agreementId, region, versions: [newVersion(1, content)], latestVersion: 1 };
    }
    case 'AgreementAmended': {
      if (state.status === 'none') return state;
      const base = findVersion(state, event.data.basedOn);
      if (base === undefined) return state;
      const content = event.data.changes.reduce(applyChange, contentOf(base));
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
    default:
      return assertNever(event);
  }
}

/** One amendment change applied to a version's content; `decide` has already checked it. */
export function applyChange(content: VersionContent, change: AmendmentChange): VersionContent {
  switch (change.op) {
    case 'amend-annex':
      return content; // same annex id, new file: the hash lives in the event, not in the write state
    case 'add-annex':
      return { ...content, annexIds: [...content.annexIds, change.annexId] };
    case 'remove-annex':
      return { ...content, annexIds: content.annexIds.filter((id) => id !== change.annexId) };
    case 'revise-document':
      return { ...content, document: { title: change.title ?? content.document.title, sha256: change.sha256 } };
    case 'add-party':
      return { ...content, parties: [...content.parties, change.party] };
    case 'remove-party':
      return { ...content, parties: content.parties.filter((party) => party.partyId !== change.partyId) };
    default:
      return assertNever(change);
  }
}

export function findVersion(agreement: ExistingAgreement, number: number): AgreementVersion | undefined {
  return agreement.versions.find((version) => version.number === number);
}

export function contentOf({ parties, document, annexIds }: VersionContent): VersionContent {
  return { parties, document, annexIds };
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

import type {
  AgreementKind,
  AppealOutcome,
  AmendmentChange,
  CompetentBodyKind,
  DecisionOutcome,
  DocumentRef,
  ForceRule,
  IsoDate,
  JointBody,
  Meeting,
  Obligation,
  Party,
  Signatory,
  SignatureMethod,
} from '../../core/agreement-events.js';

/**
 * What callers ask of an agreement: readonly plain data with an imperative `type`, shaped like
 * the request bodies in API.md. `now` is the clock, passed in so `decide` stays pure: dates of
 * decisions, annulments and signatures may not lie after `now`'s date in Helsinki.
 *
 * Party ids arrive as typed (an en dash is accepted); `decide` normalises them.
 */
interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly now: Date;
}

/** An annex as requested: without `publicity` it is public; a confidential one names its legal basis. */
export interface AnnexInput {
  readonly annexId: string;
  readonly title: string;
  readonly sha256: string;
  readonly publicity?: 'public' | 'confidential';
  readonly legalBasis?: string;
}

/** A party as requested: without `competentBodyKind` its competent body is a council. */
export type PartyInput = Omit<Party, 'competentBodyKind'> & { readonly competentBodyKind?: CompetentBodyKind };

/** A change as requested: an added annex may leave `publicity` out (public), an added party its body kind, as in a draft. */
export type AmendmentChangeInput =
  | Exclude<AmendmentChange, { readonly op: 'add-annex' | 'add-party' }>
  | ({ readonly op: 'add-annex' } & AnnexInput)
  | { readonly op: 'add-party'; readonly party: PartyInput };

export type DraftAgreement = Command<
  'DraftAgreement',
  {
    /** Required here; the HTTP layer generates one when the request has none. */
    readonly agreementId: string;
    readonly title: string;
    readonly region: string;
    readonly kind: AgreementKind;
    readonly parties: readonly PartyInput[];
    readonly document: DocumentRef;
    readonly annexes: readonly AnnexInput[];
    /** The first and the last day version 1 may be in force; each end open when left out. */
    readonly effectiveFrom?: IsoDate;
    readonly effectiveUntil?: IsoDate;
    /** All-parties when left out. */
    readonly forceRule?: ForceRule;
    /** The framework this agreement becomes part of; its existence is checked outside the decider (one stream each). */
    readonly partOf?: string;
    /** Bodies of several parties that belong to none, e.g. the regional negotiation committee. */
    readonly jointBodies?: readonly JointBody[];
    readonly obligations?: readonly Obligation[];
  }
>;

export type AmendAgreement = Command<
  'AmendAgreement',
  {
    readonly agreementId: string;
    /** Must be the latest version; the amendment creates `basedOn + 1`. */
    readonly basedOn: number;
    readonly summary: string;
    readonly changes: readonly AmendmentChangeInput[];
  }
>;

/** Either `partyId` and `body` (one of the party's bodies) or `jointBody` (one of the version's joint bodies); `decide` refuses both or neither. */
export type RecordDecision = Command<
  'RecordDecision',
  {
    readonly agreementId: string;
    readonly partyId?: string;
    readonly body?: string;
    readonly jointBody?: string;
    readonly outcome: DecisionOutcome;
    readonly version: number;
    readonly decidedOn: IsoDate;
    readonly meeting: Meeting;
  }
>;

export type AnnulDecision = Command<
  'AnnulDecision',
  {
    readonly agreementId: string;
    /** The eventId of the DecisionRecorded being annulled. */
    readonly decisionId: string;
    readonly annulledOn: IsoDate;
    readonly authority: string;
    readonly reason: string;
    readonly caseNumber?: string;
  }
>;

export type ReverseAnnulment = Command<
  'ReverseAnnulment',
  {
    readonly agreementId: string;
    /** The eventId of the DecisionAnnulled being reversed. */
    readonly annulmentId: string;
    readonly reversedOn: IsoDate;
    readonly authority: string;
    readonly reason: string;
    readonly caseNumber?: string;
  }
>;

export type LodgeAppeal = Command<
  'LodgeAppeal',
  {
    readonly agreementId: string;
    /** The eventId of the appealed DecisionRecorded. */
    readonly decisionId: string;
    readonly lodgedOn: IsoDate;
    readonly authority: string;
    readonly caseNumber?: string;
  }
>;

export type ResolveAppeal = Command<
  'ResolveAppeal',
  {
    readonly agreementId: string;
    /** The eventId of the AppealLodged. */
    readonly appealId: string;
    readonly resolvedOn: IsoDate;
    readonly outcome: AppealOutcome;
    /** Required with `annulled`: the annulment of the appealed decision, recorded first. */
    readonly annulmentId?: string;
  }
>;

export type SignAgreement = Command<
  'SignAgreement',
  {
    readonly agreementId: string;
    readonly partyId: string;
    readonly version: number;
    readonly signatory: Signatory;
    readonly signedOn: IsoDate;
    readonly method: SignatureMethod;
    readonly evidence?: string;
  }
>;

export type TerminateAgreement = Command<
  'TerminateAgreement',
  {
    readonly agreementId: string;
    /** May lie in the future: a termination can be agreed in advance. */
    readonly effectiveOn: IsoDate;
    readonly reason: string;
    readonly supersededBy?: string;
  }
>;

export type WithdrawTermination = Command<
  'WithdrawTermination',
  {
    readonly agreementId: string;
    readonly reason: string;
  }
>;

export type FulfilObligation = Command<
  'FulfilObligation',
  {
    readonly agreementId: string;
    readonly obligationId: string;
    /** The day the negotiation or meeting was held. */
    readonly heldOn: IsoDate;
    /** Who met: for each-party the convener and those it met, for joint everyone it concerns. */
    readonly parties: readonly string[];
    readonly minutesUrl?: string;
    readonly summary?: string;
  }
>;

export type AgreementCommand =
  | DraftAgreement
  | AmendAgreement
  | RecordDecision
  | AnnulDecision
  | ReverseAnnulment
  | LodgeAppeal
  | ResolveAppeal
  | SignAgreement
  | TerminateAgreement
  | WithdrawTermination
  | FulfilObligation;

export type AgreementCommandType = AgreementCommand['type'];

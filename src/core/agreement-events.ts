/**
 * The facts of an agreement's life, as stored in stream `agreement-<agreementId>`. Plain JSON data,
 * past-tense names, exactly as DESIGN.md lists them. Version 1 is created by the draft; each
 * amendment creates version `basedOn + 1`. Dates are calendar dates in Europe/Helsinki.
 */

/** `YYYY-MM-DD`, a calendar date in Europe/Helsinki. */
export type IsoDate = string;

export type AgreementKind = 'strategic-cooperation' | 'framework' | 'interface' | 'other';
export type PartyKind = 'municipality' | 'wellbeing-services-county' | 'regional-council' | 'other';

export interface Party {
  /** Finnish business id (Y-tunnus) `NNNNNNN-C`, normalised (hyphen, valid check digit). */
  readonly partyId: string;
  readonly name: string;
  readonly kind: PartyKind;
  /** The one body whose decision binds the party for this agreement, e.g. "Kotkan kaupunginvaltuusto". */
  readonly competentBody: string;
}

export interface DocumentRef {
  readonly title: string;
  /** SHA-256 of the file, 64 lowercase hex characters. The file itself is not stored. */
  readonly sha256: string;
}

export type Annex =
  | { readonly annexId: string; readonly title: string; readonly sha256: string; readonly publicity: 'public' }
  | {
      readonly annexId: string;
      readonly title: string;
      readonly sha256: string;
      readonly publicity: 'confidential';
      /** e.g. "JulkL 621/1999 24 § 1 mom. 8 k." */
      readonly legalBasis: string;
    };

export type DecisionOutcome = 'approved' | 'approved-amended' | 'rejected' | 'noted' | 'proposed' | 'returned' | 'tabled';

export interface Meeting {
  /** e.g. "§ 160" */
  readonly section: string;
  /** Opaque: formats differ by case-management system, e.g. "626/00.04.01/2023". */
  readonly diaryNumber?: string;
  readonly minutesUrl?: string;
}

export interface Signatory {
  readonly name: string;
  readonly title: string;
}

export type SignatureMethod = 'handwritten' | 'electronic';

export type AmendmentChange =
  | { readonly op: 'amend-annex'; readonly annexId: string; readonly title?: string; readonly sha256: string }
  | {
      readonly op: 'add-annex';
      readonly annexId: string;
      readonly title: string;
      readonly sha256: string;
      readonly publicity?: 'public' | 'confidential';
      readonly legalBasis?: string;
    }
  | { readonly op: 'remove-annex'; readonly annexId: string }
  | { readonly op: 'revise-document'; readonly title?: string; readonly sha256: string }
  | { readonly op: 'add-party'; readonly party: Party }
  | { readonly op: 'remove-party'; readonly partyId: string };

export interface AgreementDrafted {
  readonly type: 'AgreementDrafted';
  readonly data: {
    readonly agreementId: string;
    readonly title: string;
    /** e.g. "Kymenlaakso" */
    readonly region: string;
    readonly kind: AgreementKind;
    readonly parties: readonly Party[];
    readonly document: DocumentRef;
    readonly annexes: readonly Annex[];
    readonly effectiveFrom?: IsoDate;
  };
}

export interface AgreementAmended {
  readonly type: 'AgreementAmended';
  readonly data: {
    readonly version: number;
    readonly basedOn: number;
    readonly summary: string;
    readonly changes: readonly AmendmentChange[];
  };
}

export interface DecisionRecorded {
  readonly type: 'DecisionRecorded';
  readonly data: {
    readonly partyId: string;
    readonly body: string;
    readonly outcome: DecisionOutcome;
    readonly version: number;
    readonly decidedOn: IsoDate;
    readonly meeting: Meeting;
  };
}

export interface DecisionAnnulled {
  readonly type: 'DecisionAnnulled';
  readonly data: {
    readonly partyId: string;
    readonly version: number;
    /** decidedOn of the annulled decision */
    readonly decidedOn: IsoDate;
    readonly annulledOn: IsoDate;
    /** e.g. "Itä-Suomen hallinto-oikeus" */
    readonly authority: string;
    readonly reason: string;
  };
}

export interface AgreementSigned {
  readonly type: 'AgreementSigned';
  readonly data: {
    readonly partyId: string;
    readonly version: number;
    readonly signatory: Signatory;
    readonly signedOn: IsoDate;
    readonly method: SignatureMethod;
    readonly evidence?: string;
  };
}

export interface AgreementTerminated {
  readonly type: 'AgreementTerminated';
  readonly data: {
    readonly effectiveOn: IsoDate;
    readonly reason: string;
    readonly supersededBy?: string;
  };
}

export type AgreementEvent =
  | AgreementDrafted
  | AgreementAmended
  | DecisionRecorded
  | DecisionAnnulled
  | AgreementSigned
  | AgreementTerminated;

export type AgreementEventType = AgreementEvent['type'];

export const AGREEMENT_EVENT_TYPES: readonly AgreementEventType[] = [
  'AgreementDrafted',
  'AgreementAmended',
  'DecisionRecorded',
  'DecisionAnnulled',
  'AgreementSigned',
  'AgreementTerminated',
];

/** Version of the event data schema written into every event's metadata. */
export const EVENT_SCHEMA_VERSION = 1;

import Type, { type Static, type TSchema } from 'typebox';
import { FORMATS } from './text-formats.js';

/**
 * The facts of an agreement's life, as stored in stream `agreement-<agreementId>`: each event
 * type's data schema written once, giving its TypeScript type (below), its compiled validator and
 * its JSON Schema (event-contract.ts). Past-tense names, plain JSON data, exactly as DESIGN.md
 * lists them. Dates are calendar dates in Europe/Helsinki.
 *
 * A schema here is the log's promise to every reader, for ever: loosen one only with a new
 * schema version and an upcaster in event-contract.ts.
 */

const date = () => Type.String({ format: 'date', description: 'YYYY-MM-DD, a calendar date in Europe/Helsinki' });
const clearableDate = () => Type.Union([date(), Type.Null()]);
const name = (maxLength: number) => Type.String({ format: FORMATS.name, maxLength });
const text = (maxLength: number) => Type.String({ format: FORMATS.freeText, maxLength });
const sha256 = () => Type.String({ pattern: '^[0-9a-f]{64}$' });
const partyId = () => Type.String({ format: FORMATS.partyId, description: 'Y-tunnus NNNNNNN-C' });
const annexId = () => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,31}$' });
const httpUrl = () => Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 });
const versionNumber = () => Type.Integer({ minimum: 1 });
/** An event's id (a UUID as the stores make them), by which a later event refers to it. */
const eventId = () => Type.String({ pattern: EVENT_ID_PATTERN });
const strict = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });

export const EVENT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';
export const AGREEMENT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{2,63}$';
const agreementId = () => Type.String({ pattern: AGREEMENT_ID_PATTERN });

export const AgreementKindSchema = Type.Union([
  Type.Literal('strategic-cooperation'),
  Type.Literal('framework'),
  Type.Literal('interface'),
  /** Made of obligations (seed 003): the duties recur, the agreement holds them. */
  Type.Literal('cooperation-model'),
  Type.Literal('other'),
]);
export const PartyKindSchema = Type.Union([
  Type.Literal('municipality'),
  Type.Literal('wellbeing-services-county'),
  Type.Literal('regional-council'),
  Type.Literal('other'),
]);

/** What the competent body is: it sets the appeal window (DESIGN.md "Finality"). */
export const CompetentBodyKindSchema = Type.Union([Type.Literal('council'), Type.Literal('board'), Type.Literal('other')]);
/** Body names; compared trimmed, whitespace collapsed and case folded (text-formats.ts `sameName`). */
const bodyNames = (minItems: number) => Type.Array(name(200), { minItems, maxItems: 50 });

export const PartySchema = strict({
  partyId: partyId(),
  name: name(200),
  kind: PartyKindSchema,
  /** The one body whose decision binds the party, e.g. "Kotkan kaupunginvaltuusto". */
  competentBody: name(200),
  competentBodyKind: CompetentBodyKindSchema,
  /** Other official names of the competent body, e.g. its Swedish name; left out when none. */
  bodyAliases: Type.Optional(bodyNames(1)),
  /** Bodies whose decisions are recorded but never bind the party, e.g. the board that proposes; left out when none. */
  otherBodies: Type.Optional(bodyNames(1)),
});

/**
 * A body of several parties that belongs to none of them, e.g. the regional negotiation committee
 * (alueneuvottelukunta) of the county, the municipalities and the regional council. Its decisions
 * are history and never count (DESIGN.md "Joint body").
 */
export const JointBodySchema = strict({
  /** Unique in the version, compared as body names are. */
  name: name(200),
  /** Parties of the version, each once. */
  members: Type.Array(partyId(), { minItems: 2, maxItems: 1000 }),
});

export const DocumentRefSchema = strict({
  title: text(500),
  /** SHA-256 of the file; the file itself is not stored. */
  sha256: sha256(),
});

const annexFields = { annexId: annexId(), title: text(500), sha256: sha256() };
export const AnnexSchema = Type.Union([
  strict({ ...annexFields, publicity: Type.Literal('public') }),
  /** legalBasis e.g. "JulkL 621/1999 24 § 1 mom. 8 k." */
  strict({ ...annexFields, publicity: Type.Literal('confidential'), legalBasis: text(500) }),
]);

/** An obligation's id, unique within a version, e.g. "council-term-negotiation". */
const obligationId = () => Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,31}$' });
const obligationParties = () => Type.Array(partyId(), { minItems: 1, maxItems: 1000 });
export const RecurrenceSchema = Type.Union([Type.Literal('council-term'), Type.Literal('annual'), Type.Literal('once')]);
export const ParticipationSchema = Type.Union([Type.Literal('each-party'), Type.Literal('joint')]);

/** A duty the agreement puts on its parties that recurs or falls due (DESIGN.md "Obligation"). */
export const ObligationSchema = strict({
  obligationId: obligationId(),
  title: text(500),
  /** e.g. "Laki hyvinvointialueesta 611/2021 14 §" */
  legalBasis: Type.Optional(text(500)),
  recurrence: RecurrenceSchema,
  participation: ParticipationSchema,
  /** The party who convenes; with each-party, the one who meets the others. */
  convener: Type.Optional(partyId()),
  /** The last day of a 'once' obligation; only with 'once'. */
  dueBy: Type.Optional(date()),
  /** The parties it concerns besides the convener; left out: every party of the version. */
  withParties: Type.Optional(obligationParties()),
});

export const DecisionOutcomeSchema = Type.Union([
  Type.Literal('approved'),
  Type.Literal('approved-amended'),
  Type.Literal('rejected'),
  Type.Literal('noted'),
  Type.Literal('proposed'),
  Type.Literal('returned'),
  Type.Literal('tabled'),
]);

export const MeetingSchema = strict({
  /** e.g. "§ 160" */
  section: text(50),
  /** Opaque: formats differ by case-management system, e.g. "626/00.04.01/2023". */
  diaryNumber: Type.Optional(text(100)),
  minutesUrl: Type.Optional(httpUrl()),
  /** The day the minutes were published online: the appeal window runs from it (DESIGN.md "Finality"). */
  minutesPublishedOn: Type.Optional(date()),
});

/** What every decision records, whoever made it. */
const decisionFields = {
  outcome: DecisionOutcomeSchema,
  version: versionNumber(),
  decidedOn: date(),
  meeting: MeetingSchema,
};

/** A decision of one of the party's bodies: DecisionRecorded as versions 1–2 wrote it. */
export const PartyDecisionSchema = strict({ partyId: partyId(), body: name(200), ...decisionFields });
/** A decision of one of the version's joint bodies, named as the version lists it. */
export const JointBodyDecisionSchema = strict({ jointBody: name(200), ...decisionFields });

export const AppealOutcomeSchema = Type.Union([Type.Literal('dismissed'), Type.Literal('withdrawn'), Type.Literal('annulled')]);

export const SignatorySchema = strict({ name: name(200), title: text(200) });
export const SignatureMethodSchema = Type.Union([Type.Literal('handwritten'), Type.Literal('electronic')]);

export const AmendmentChangeSchema = Type.Union([
  strict({ op: Type.Literal('amend-annex'), annexId: annexId(), title: Type.Optional(text(500)), sha256: sha256() }),
  strict({ op: Type.Literal('add-annex'), ...annexFields, publicity: Type.Literal('public') }),
  strict({ op: Type.Literal('add-annex'), ...annexFields, publicity: Type.Literal('confidential'), legalBasis: text(500) }),
  strict({ op: Type.Literal('remove-annex'), annexId: annexId() }),
  strict({ op: Type.Literal('revise-document'), title: Type.Optional(text(500)), sha256: sha256() }),
  strict({ op: Type.Literal('add-party'), party: PartySchema }),
  strict({ op: Type.Literal('remove-party'), partyId: partyId() }),
  /** The fields given replace the party's; an empty list clears bodyAliases or otherBodies. */
  strict({
    op: Type.Literal('revise-party'),
    partyId: partyId(),
    name: Type.Optional(name(200)),
    competentBody: Type.Optional(name(200)),
    competentBodyKind: Type.Optional(CompetentBodyKindSchema),
    bodyAliases: Type.Optional(bodyNames(0)),
    otherBodies: Type.Optional(bodyNames(0)),
  }),
  strict({ op: Type.Literal('add-joint-body'), jointBody: JointBodySchema }),
  strict({ op: Type.Literal('remove-joint-body'), name: name(200) }),
  /** A field left out keeps the base version's date; null clears it. */
  strict({ op: Type.Literal('revise-term'), effectiveFrom: Type.Optional(clearableDate()), effectiveUntil: Type.Optional(clearableDate()) }),
  strict({ op: Type.Literal('add-obligation'), obligation: ObligationSchema }),
  /** As revise-term: a field left out stays, null clears it; recurrence and participation never change. */
  strict({
    op: Type.Literal('revise-obligation'),
    obligationId: obligationId(),
    title: Type.Optional(text(500)),
    legalBasis: Type.Optional(Type.Union([text(500), Type.Null()])),
    convener: Type.Optional(Type.Union([partyId(), Type.Null()])),
    dueBy: Type.Optional(clearableDate()),
    withParties: Type.Optional(Type.Union([obligationParties(), Type.Null()])),
  }),
  strict({ op: Type.Literal('remove-obligation'), obligationId: obligationId() }),
]);

/**
 * Who must approve and sign for a version to be in force (DESIGN.md "Rules"): every party, or the
 * hub with each other party (spoke) on its own.
 */
export const ForceRuleSchema = Type.Union([
  strict({ kind: Type.Literal('all-parties') }),
  strict({ kind: Type.Literal('hub-and-spoke'), hub: partyId() }),
]);

/** Each event type's data schema, current version. */
export const AGREEMENT_EVENT_DATA = {
  AgreementDrafted: strict({
    agreementId: agreementId(),
    title: text(500),
    /** e.g. "Kymenlaakso" */
    region: name(200),
    kind: AgreementKindSchema,
    parties: Type.Array(PartySchema, { minItems: 1, maxItems: 1000 }),
    document: DocumentRefSchema,
    annexes: Type.Array(AnnexSchema, { maxItems: 1000 }),
    /** The version's term: the first and the last day it may be in force (DESIGN.md `inTerm`). */
    effectiveFrom: Type.Optional(date()),
    effectiveUntil: Type.Optional(date()),
    /** Set once; left out by drafts recorded before force rules existed, which are all-parties. */
    forceRule: Type.Optional(ForceRuleSchema),
    /** The agreement this one becomes part of, e.g. a framework's interface agreement (seed 002). */
    partOf: Type.Optional(agreementId()),
    /** Left out when none: a draft written before joint bodies existed reads as having none. */
    jointBodies: Type.Optional(Type.Array(JointBodySchema, { minItems: 1, maxItems: 100 })),
    /** Left out when the draft has none; old drafts decode as they were written. */
    obligations: Type.Optional(Type.Array(ObligationSchema, { minItems: 1, maxItems: 200 })),
  }),
  AgreementAmended: strict({
    version: Type.Integer({ minimum: 2 }),
    basedOn: versionNumber(),
    summary: text(2000),
    changes: Type.Array(AmendmentChangeSchema, { minItems: 1, maxItems: 1000 }),
  }),
  /** Version 3: a party's body's decision, or a joint body's (`jointBody`, no party; never counts). */
  DecisionRecorded: Type.Union([PartyDecisionSchema, JointBodyDecisionSchema]),
  /** Version 2: names the annulled decision by its eventId, not by party, version and date. */
  DecisionAnnulled: strict({
    /** The eventId of the annulled DecisionRecorded. */
    decisionId: eventId(),
    annulledOn: date(),
    /** e.g. "Itä-Suomen hallinto-oikeus" */
    authority: text(200),
    reason: text(2000),
    /** The authority's case (diary) number, e.g. "H 1234/2024"; opaque. */
    caseNumber: Type.Optional(text(100)),
  }),
  /** A higher authority reversed an annulment: the decision counts again from reversedOn. */
  AnnulmentReversed: strict({
    /** The eventId of the reversed DecisionAnnulled. */
    annulmentId: eventId(),
    reversedOn: date(),
    /** e.g. "Korkein hallinto-oikeus" */
    authority: text(200),
    reason: text(2000),
    caseNumber: Type.Optional(text(100)),
  }),
  /** An appeal (kunnallisvalitus) or rectification request (oikaisuvaatimus) against a decision: pending until resolved. */
  AppealLodged: strict({
    /** The eventId of the appealed DecisionRecorded. */
    decisionId: eventId(),
    lodgedOn: date(),
    /** e.g. "Itä-Suomen hallinto-oikeus", or the body a rectification request goes to */
    authority: text(200),
    caseNumber: Type.Optional(text(100)),
  }),
  AppealResolved: strict({
    /** The eventId of the AppealLodged. */
    appealId: eventId(),
    resolvedOn: date(),
    outcome: AppealOutcomeSchema,
    /** With `annulled`: the DecisionAnnulled that records the annulment of the appealed decision. */
    annulmentId: Type.Optional(eventId()),
  }),
  AgreementSigned: strict({
    partyId: partyId(),
    version: versionNumber(),
    signatory: SignatorySchema,
    signedOn: date(),
    method: SignatureMethodSchema,
    evidence: Type.Optional(text(2000)),
  }),
  AgreementTerminated: strict({
    /** Nothing is in force from this day; it may lie ahead. */
    effectiveOn: date(),
    reason: text(2000),
    supersededBy: Type.Optional(agreementId()),
  }),
  /** The termination that stands is void; recorded only before its effectiveOn. */
  TerminationWithdrawn: strict({
    reason: text(2000),
  }),
  /** An obligation met, for the period holding heldOn, by the parties named (DESIGN.md "Obligations"). */
  ObligationFulfilled: strict({
    obligationId: obligationId(),
    /** The day the negotiation or meeting was held. */
    heldOn: date(),
    parties: Type.Array(partyId(), { minItems: 1, maxItems: 1000 }),
    minutesUrl: Type.Optional(httpUrl()),
    summary: Type.Optional(text(2000)),
  }),
} as const;

/** Readonly all the way down: events are facts, never edited in place. */
type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Data<S extends TSchema> = DeepReadonly<Static<S>>;

/** `YYYY-MM-DD`, a calendar date in Europe/Helsinki. */
export type IsoDate = string;
export type AgreementKind = Data<typeof AgreementKindSchema>;
export type PartyKind = Data<typeof PartyKindSchema>;
export type CompetentBodyKind = Data<typeof CompetentBodyKindSchema>;
export type Party = Data<typeof PartySchema>;
export type JointBody = Data<typeof JointBodySchema>;
export type DocumentRef = Data<typeof DocumentRefSchema>;
export type Annex = Data<typeof AnnexSchema>;
export type DecisionOutcome = Data<typeof DecisionOutcomeSchema>;
export type Meeting = Data<typeof MeetingSchema>;
export type Signatory = Data<typeof SignatorySchema>;
export type SignatureMethod = Data<typeof SignatureMethodSchema>;
export type AmendmentChange = Data<typeof AmendmentChangeSchema>;
export type ForceRule = Data<typeof ForceRuleSchema>;
export type Obligation = Data<typeof ObligationSchema>;
export type Recurrence = Data<typeof RecurrenceSchema>;
export type Participation = Data<typeof ParticipationSchema>;

type EventOf<T extends AgreementEventType> = { readonly type: T; readonly data: Data<(typeof AGREEMENT_EVENT_DATA)[T]> };

export type AgreementEventType = keyof typeof AGREEMENT_EVENT_DATA;
export type AgreementDrafted = EventOf<'AgreementDrafted'>;
export type AgreementAmended = EventOf<'AgreementAmended'>;
export type DecisionRecorded = EventOf<'DecisionRecorded'>;
export type DecisionAnnulled = EventOf<'DecisionAnnulled'>;
export type AnnulmentReversed = EventOf<'AnnulmentReversed'>;
export type AppealLodged = EventOf<'AppealLodged'>;
export type AppealResolved = EventOf<'AppealResolved'>;
export type AppealOutcome = Data<typeof AppealOutcomeSchema>;
export type AgreementSigned = EventOf<'AgreementSigned'>;
export type AgreementTerminated = EventOf<'AgreementTerminated'>;
export type TerminationWithdrawn = EventOf<'TerminationWithdrawn'>;
export type ObligationFulfilled = EventOf<'ObligationFulfilled'>;
export type AgreementEvent = { [T in AgreementEventType]: EventOf<T> }[AgreementEventType];

export const AGREEMENT_EVENT_TYPES = Object.keys(AGREEMENT_EVENT_DATA) as readonly AgreementEventType[];

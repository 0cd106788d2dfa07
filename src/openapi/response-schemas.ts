import { dataSchemaName, EVENT_TYPES } from './event-schemas.js';
import type { Schema } from './json-schema.js';
import { WEBHOOK_RESPONSE_SCHEMAS } from '../webhooks/http/webhook-openapi.js';

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` }) as Schema;
const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const date: Schema = { type: 'string', format: 'date' };
const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
const int: Schema = { type: 'integer' };
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
const list = (item: string): Schema => object({ items: { type: 'array', items: ref(item) }, total: int });
const approval = str({ enum: ['missing', 'approved', 'rejected', 'annulled'] });
const obligationStatus = str({ enum: ['met', 'due', 'overdue'] });
const meetingHeld = object({ eventId: str({ description: 'of its ObligationFulfilled' }), heldOn: date });
const versionState = str({ enum: ['pending', 'in-force', 'superseded', 'expired', 'rejected', 'terminated'] });

/** Response shapes of API.md, written out: they are interfaces of the projections, not classes. */
export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  Problem: {
    ...object({ type: str(), title: str(), status: int, detail: str() }),
    properties: {
      type: str({ description: 'about:blank, or urn:agreement-ledger:problem:<code> for a refusal by the ledger’s rules' }),
      title: str(),
      status: int,
      detail: str(),
      code: str({ description: 'the rule that refused the command' }),
      errors: { type: 'array', items: object({ field: str(), message: str() }) },
    },
  },
  CommandResponse: object({
    agreementId: str(),
    version: int,
    revision: int,
    position: str({ description: 'global log position of the last event appended, opaque' }),
    eventId: str({ format: 'uuid', description: "id of the last event appended (a decision's decisionId); for a no-op, of the agreement's last event" }),
  }),
  AgreementSummary: object({
    agreementId: str(),
    title: str(),
    region: str(),
    kind: str({ enum: ['strategic-cooperation', 'framework', 'interface', 'cooperation-model', 'other'] }),
    status: str({ enum: ['in-force', 'pending', 'expired', 'terminated'], description: 'expired: nothing in force and the latest version\'s term has ended' }),
    inForceVersion: nullable(int),
    inForceSince: nullable(date),
    latestVersion: int,
    parties: { type: 'array', items: str(), description: 'every party of any version' },
  }),
  AgreementSummaryList: list('AgreementSummary'),
  Agreement: {
    allOf: [
      ref('AgreementSummary'),
      object({
        parties: { type: 'array', items: ref('PartyDto') },
        versions: { type: 'array', items: int },
        forceRule: ref('ForceRuleDto'),
        partOf: { ...nullable(str()), description: 'the agreement this one is part of (its draft’s partOf)' },
        parts: { type: 'array', items: ref('AgreementSummary'), description: 'the agreements that are part of this one, as far as the caller may see them' },
      }),
    ],
  },
  Status: object({
    agreementId: str(),
    inForce: { type: 'boolean' },
    inForceVersion: nullable(int),
    inForceSince: nullable(date),
    latestVersion: int,
    latestVersionState: versionState,
    terminatedOn: nullable(date),
    finalSince: {
      ...nullable(date),
      description: "from when every counting approval of the version in force (hub-and-spoke: the hub's and each bound spoke's) has been final; null until then",
    },
    boundParties: {
      ...nullable({ type: 'array', items: object({ partyId: str(), version: int, since: date }) }),
      description: 'hub-and-spoke: the spokes bound at asOf, each with the version binding it and the hub, since when; all-parties: null',
    },
    asOf: date,
    knownAt: str({ format: 'date-time' }),
    pending: {
      type: 'array',
      items: object({
        partyId: str(),
        name: str(),
        approval,
        signature: str({ enum: ['missing', 'signed'] }),
        signatories: {
          type: 'array',
          description: 'everyone who had signed for the party by asOf, earliest first',
          items: object({ name: str(), title: str(), signedOn: date, method: str({ enum: ['handwritten', 'electronic'] }) }),
        },
        final: { type: 'boolean', description: "the counting approval's appeal window has passed and no appeal on it is pending" },
        appealableUntil: nullable(date),
        appealPending: { type: 'boolean' },
      }),
    },
  }),
  Version: object({
    version: int,
    basedOn: nullable(int),
    createdAt: str({ format: 'date-time' }),
    summary: nullable(str()),
    document: ref('DocumentDto'),
    annexes: { type: 'array', items: ref('AnnexDto') },
    parties: { type: 'array', items: ref('PartyDto') },
    jointBodies: { type: 'array', description: 'bodies of several parties that belong to none; their decisions never count', items: ref('JointBodyDto') },
    effectiveFrom: nullable(date),
    effectiveUntil: nullable(date),
    obligations: { type: 'array', items: ref('ObligationDto') },
    changes: { type: 'array', items: { type: 'object' } },
    decisions: {
      type: 'array',
      items: object({
        decisionId: str({ description: 'the eventId of its DecisionRecorded: what an annulment names' }),
        partyId: nullable(str({ description: "null for a joint body's decision" })),
        jointBody: nullable(str({ description: "the joint body whose decision it is (then body names it too); null for a party body's" })),
        body: str(),
        outcome: str(),
        decidedOn: date,
        meeting: ref('MeetingDto'),
        counts: { type: 'boolean' },
        annulledOn: nullable(date),
        annulmentId: nullable(str({ description: 'the eventId of its latest annulment: what a reversal names' })),
        reversedOn: nullable(date),
        appeals: {
          type: 'array',
          items: object({ appealId: str(), lodgedOn: date, authority: str(), caseNumber: str(), resolvedOn: nullable(date), outcome: nullable(str({ enum: ['dismissed', 'withdrawn', 'annulled'] })) }, ['appealId', 'lodgedOn', 'authority', 'resolvedOn', 'outcome']),
        },
      }),
    },
    signatures: {
      type: 'array',
      description: 'every signatory of every party',
      items: object({ partyId: str(), signatory: ref('SignatoryDto'), signedOn: date, method: str() }),
    },
    state: versionState,
    inForce: {
      type: 'array',
      items: object(
        {
          from: date,
          to: nullable(date),
          endedBy: nullable(str({ enum: ['superseded', 'annulled', 'revoked', 'expired', 'terminated'] })),
          supersededBy: int,
          partyId: str({ description: 'hub-and-spoke: the spoke whose pair with the hub the interval is of' }),
        },
        ['from', 'to', 'endedBy'],
      ),
    },
  }),
  VersionList: { type: 'array', items: ref('Version') },
  StoredEvent: object({
    eventId: str({ format: 'uuid' }),
    type: str({ enum: [...EVENT_TYPES] }),
    streamId: str(),
    revision: int,
    position: str(),
    recordedAt: str({ format: 'date-time' }),
    data: { description: 'the data schema of the event\'s type', anyOf: EVENT_TYPES.map((type) => ref(dataSchemaName(type))) } as Schema,
    metadata: ref('EventMetadata'),
  }),
  StoredEventList: { type: 'array', items: ref('StoredEvent') },
  ExportLines: str({ description: 'NDJSON: one StoredEvent a line, exactly as GET /api/agreements/{id}/events gives it, in position order (the file `ledger export` writes)' }),
  Verification: object({ valid: { type: 'boolean' }, events: int, headHash: str(), firstInvalidRevision: int }, ['valid', 'events', 'headHash']),
  Obligations: object({
    agreementId: str(),
    asOf: date,
    knownAt: str({ format: 'date-time' }),
    version: { ...int, description: 'whose obligations: the version in force at asOf, else the latest' },
    items: {
      type: 'array',
      items: object({
        obligationId: str(),
        title: str(),
        legalBasis: nullable(str()),
        recurrence: str({ enum: ['council-term', 'annual', 'once'] }),
        participation: str({ enum: ['each-party', 'joint'] }),
        convener: nullable(str()),
        dueBy: nullable(date),
        parties: { type: 'array', items: str(), description: 'those its status is kept for' },
        periods: {
          type: 'array',
          items: object({
            from: date,
            to: { ...nullable(date), description: "the period's last day; null for a 'once' obligation without dueBy" },
            status: obligationStatus,
            parties: { type: 'array', items: object({ partyId: str(), status: obligationStatus, fulfilment: nullable(meetingHeld) }) },
          }),
        },
      }),
    },
  }),
  ObligationRow: object({
    agreementId: str(),
    agreementTitle: str(),
    region: str(),
    version: int,
    obligationId: str(),
    title: str(),
    legalBasis: nullable(str()),
    recurrence: str({ enum: ['council-term', 'annual', 'once'] }),
    participation: str({ enum: ['each-party', 'joint'] }),
    convener: nullable(str()),
    dueBy: nullable(date),
    from: date,
    to: nullable(date),
    partyId: str(),
    partyName: str(),
    status: obligationStatus,
    fulfilment: nullable(meetingHeld),
  }),
  ObligationRowList: list('ObligationRow'),
  PartyObligationList: {
    type: 'array',
    items: object({ agreementId: str(), title: str(), version: int, missing: { type: 'array', items: str({ enum: ['approval', 'signature'] }) } }),
  },
  Principal: object(
    { id: str(), name: str(), role: str({ enum: ['admin', 'clerk', 'auditor'] }), partyId: str(), region: str(), authenticatedBy: str() },
    ['id', 'name', 'role', 'authenticatedBy'],
  ),
  Token: object(
    { id: str(), name: str(), role: str(), partyId: str(), region: str(), createdAt: str(), lastUsedAt: str(), expiresAt: str(), revokedAt: str() },
    ['id', 'name', 'role', 'createdAt'],
  ),
  TokenList: list('Token'),
  CalendarFeed: object({ id: str(), name: nullable(str()), region: nullable(str()), partyId: nullable(str()), createdAt: str() }),
  CalendarFeedList: list('CalendarFeed'),
  CalendarFile: str({ description: 'RFC 5545 iCalendar: a VCALENDAR of all-day VEVENTs' }),
  CreatedCalendarFeed: object({
    id: str(),
    feedToken: str({ description: 'the credential in the URL, shown only here' }),
    url: str({ description: '<LEDGER_PUBLIC_URL, else the request\'s scheme and host>/api/calendar/<feedToken>.ics' }),
    name: nullable(str()),
    region: nullable(str()),
    partyId: nullable(str()),
    createdAt: str(),
  }),
  CreatedToken: { allOf: [ref('Token'), object({ token: str({ description: 'shown once' }) })] },
  Health: object({ status: str(), store: { type: 'object' }, projections: { type: 'object' } }),
  Liveness: object({ status: str() }),
  Readiness: object({ status: str(), store: { type: 'object' }, projections: { type: 'object' }, maxLagEvents: { type: 'integer' } }),
  ...WEBHOOK_RESPONSE_SCHEMAS,
};

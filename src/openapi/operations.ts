import { CHECKPOINT_OPERATIONS, CHECKPOINT_QUERY_PARAMETERS } from './checkpoint-operations.js';
import { WEBHOOK_OPERATIONS } from '../webhooks/http/webhook-openapi.js';

/**
 * Every operation's contract in one table: request schema, success response, parameters and the
 * problems it may answer. The OpenAPI document is assembled from it and the controllers' routes.
 */
export interface OperationDoc {
  readonly summary: string;
  readonly request?: string;
  /** Default application/json. */
  readonly requestMediaType?: string;
  readonly response: { readonly status: number; readonly schema?: string; readonly mediaType?: string };
  readonly query?: readonly string[];
  readonly problems: readonly number[];
  readonly public?: boolean;
}

const COMMAND_PROBLEMS = [400, 401, 403, 404, 409, 412, 413, 422, 429];
const QUERY_PROBLEMS = [400, 401, 403, 404, 429, 503];

export const OPERATIONS: Record<string, OperationDoc> = {
  'post /api/agreements': { summary: 'Draft an agreement (version 1)', request: 'DraftAgreementRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/amendments': { summary: 'Amend the latest version (creates basedOn + 1)', request: 'AmendAgreementRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/decisions': { summary: "Record a party body's decision", request: 'RecordDecisionRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/annulments': { summary: 'Annul a decision, named by its decisionId (the eventId of its DecisionRecorded)', request: 'AnnulDecisionRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/annulments/{annulmentId}/reversal': { summary: 'Record that a higher authority reversed the annulment: the decision counts again from reversedOn', request: 'ReverseAnnulmentRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/appeals': { summary: 'Lodge an appeal or a rectification request against a decision (pending until resolved)', request: 'LodgeAppealRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/appeals/{appealId}/resolution': { summary: "Resolve an appeal: dismissed, withdrawn, or annulled (naming the annulment it led to)", request: 'ResolveAppealRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/signatures': { summary: "Record a party's signature (the same again: 200, nothing appended)", request: 'SignAgreementRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/termination': { summary: 'Terminate the agreement from effectiveOn, which may lie ahead (one termination at a time)', request: 'TerminateAgreementRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'delete /api/agreements/{id}/termination': { summary: 'Withdraw the standing termination, before its effectiveOn', request: 'WithdrawTerminationRequest', response: { status: 200, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'post /api/agreements/{id}/obligations/{obligationId}/fulfilments': { summary: 'Record that an obligation was met: a negotiation or meeting held, by the parties it names', request: 'FulfilObligationRequest', response: { status: 201, schema: 'CommandResponse' }, problems: COMMAND_PROBLEMS },
  'get /api/agreements': { summary: 'List agreements', response: { status: 200, schema: 'AgreementSummaryList' }, query: ['region', 'status', 'partyId', 'limit', 'offset', 'minPosition'], problems: QUERY_PROBLEMS },
  'get /api/agreements/{id}': { summary: 'One agreement', response: { status: 200, schema: 'Agreement' }, query: ['minPosition'], problems: QUERY_PROBLEMS },
  'get /api/agreements/{id}/status': { summary: 'What is in force, since when, and who still has to act', response: { status: 200, schema: 'Status' }, query: ['asOf', 'knownAt', 'minPosition'], problems: QUERY_PROBLEMS },
  'get /api/agreements/{id}/versions': { summary: 'The version history', response: { status: 200, schema: 'VersionList' }, query: ['asOf', 'knownAt', 'minPosition'], problems: QUERY_PROBLEMS },
  'get /api/agreements/{id}/versions/{n}': { summary: 'One version', response: { status: 200, schema: 'Version' }, query: ['asOf', 'knownAt', 'minPosition'], problems: QUERY_PROBLEMS },
  'get /api/events': {
    summary: 'The whole log in the export file format, a page in position order; a full page links to the next (Link rel="next"). Auditors, and admins without a region limit',
    response: { status: 200, schema: 'ExportLines', mediaType: 'application/x-ndjson; charset=utf-8' },
    query: ['after', 'limit'],
    problems: [400, 401, 403, 429],
  },
  'get /api/agreements/{id}/events': { summary: 'The raw stream with its hash chain (auditors, admins)', response: { status: 200, schema: 'StoredEventList' }, query: ['knownAt', 'minPosition'], problems: QUERY_PROBLEMS },
  'get /api/agreements/{id}/verify': { summary: "Recompute the stream's hash chain (auditors, admins)", response: { status: 200, schema: 'Verification' }, query: ['minPosition'], problems: QUERY_PROBLEMS },
  'get /api/agreements/{id}/obligations': { summary: "The obligations of the version in force (else the latest): per period and party met, due or overdue", response: { status: 200, schema: 'Obligations' }, query: ['asOf', 'knownAt', 'minPosition'], problems: QUERY_PROBLEMS },
  'get /api/obligations': { summary: 'Obligation rows (agreement, obligation, period, party) of every agreement the caller may see', response: { status: 200, schema: 'ObligationRowList' }, query: ['region', 'obligationStatus', 'obligationParty', 'asOf', 'knownAt', 'limit', 'offset', 'minPosition'], problems: QUERY_PROBLEMS },
  'get /api/parties/{partyId}/pending': { summary: 'What the party still has to approve or sign', response: { status: 200, schema: 'PartyObligationList' }, query: ['minPosition'], problems: QUERY_PROBLEMS },
  'get /api/me': { summary: 'The caller', response: { status: 200, schema: 'Principal' }, problems: [401, 429] },
  'get /api/tokens': { summary: 'Access tokens, without secrets (admins without a region limit)', response: { status: 200, schema: 'TokenList' }, problems: [401, 403, 429] },
  'post /api/tokens': { summary: 'Create an access token, shown once', request: 'CreateTokenRequest', response: { status: 201, schema: 'CreatedToken' }, problems: [400, 401, 403, 413, 422, 429] },
  'delete /api/tokens/{id}': { summary: 'Revoke an access token', response: { status: 204 }, problems: [401, 403, 404, 429] },
  'get /api/health': { summary: 'Summary: the store and the projection lag', response: { status: 200, schema: 'Health' }, problems: [503], public: true },
  'post /api/calendar-feeds': { summary: "Create a calendar feed of the caller's obligations due; its URL, the only credential, is shown once", request: 'CreateCalendarFeedRequest', response: { status: 201, schema: 'CreatedCalendarFeed' }, problems: [400, 401, 413, 429] },
  'get /api/calendar-feeds': { summary: "The caller's own calendar feeds, without their URLs", response: { status: 200, schema: 'CalendarFeedList' }, problems: [401, 429] },
  'delete /api/calendar-feeds/{id}': { summary: 'Revoke one of the caller\'s calendar feeds; its URL answers 404 from then on', response: { status: 204 }, problems: [401, 404, 429] },
  'get /api/calendar/{feedFile}': { summary: 'The feed (`<feedToken>.ics`, no Authorization header): one all-day event per obligation period still due or overdue for the principal that made it, RFC 5545', response: { status: 200, schema: 'CalendarFile', mediaType: 'text/calendar; charset=utf-8' }, problems: [404, 429], public: true },
  'get /metrics': { summary: 'Prometheus metrics (text format); open with LEDGER_METRICS=true, else admins only', response: { status: 200 }, problems: [401, 403, 429] },
  'get /api/health/live': { summary: 'Liveness: 200 while the process answers', response: { status: 200, schema: 'Liveness' }, problems: [], public: true },
  'get /api/health/ready': { summary: 'Readiness: the store answers, read models within LEDGER_READY_MAX_LAG events (else 503)', response: { status: 200, schema: 'Readiness' }, problems: [503], public: true },
  ...CHECKPOINT_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
};

/** `name` when the parameter's name is shared by operations that give it another meaning (`status`). */
export const QUERY_PARAMETERS: Record<string, { name?: string; description: string; schema: Record<string, unknown> }> = {
  region: { description: 'e.g. Kymenlaakso', schema: { type: 'string' } },
  status: { description: 'as of today', schema: { type: 'string', enum: ['in-force', 'pending', 'expired', 'terminated'] } },
  partyId: { description: 'agreements this party is or was a party of', schema: { type: 'string' } },
  limit: { description: 'page size (1–500, default 50; /api/events: 1–10,000, default 1,000)', schema: { type: 'integer', minimum: 1, maximum: 10_000 } },
  after: { description: 'the position the page starts after (exclusive; the next link gives it); default the start of the log', schema: { type: 'string' } },
  offset: { description: 'items to skip', schema: { type: 'integer', minimum: 0 } },
  asOf: { description: 'the date asked about (default today in Europe/Helsinki)', schema: { type: 'string', format: 'date' } },
  knownAt: { description: 'as the ledger knew it then: an ISO 8601 instant or a log position', schema: { type: 'string' } },
  obligationStatus: { name: 'status', description: 'at asOf', schema: { type: 'string', enum: ['met', 'due', 'overdue'] } },
  obligationParty: { name: 'partyId', description: "the party's rows and those of the obligations it convenes", schema: { type: 'string' } },
  minPosition: { description: 'wait (≤ 5 s, then 503) until the read models include this position', schema: { type: 'string' } },
  ...CHECKPOINT_QUERY_PARAMETERS,
};

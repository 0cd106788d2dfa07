/**
 * Pure projection folds over an agreement's stream, shared by the server's projection runner and
 * the auditor CLI. No I/O, no clock: time arrives as `asOf` and `knownAt`.
 */
export type { AsOfQuery, KnownAt, Recorded, RecordedEvent, Stamp } from './recorded-event.js';
export {
  evolve,
  factsOf,
  initialAgreementProjection,
  InvalidAgreementStreamError,
  projectAgreement,
  revisionOf,
  RevisionGapError,
  type AgreementProjection,
  type DraftedAgreement,
  type Fact,
  type NoAgreement,
  type RecordedFact,
  type VersionRecord,
} from './agreement-projection.js';
export { status, type PartyProgress, type SignatoryOfParty, type Status } from './status.js';
export {
  version,
  versions,
  type Version,
  type VersionDecision,
  type VersionSignature,
  type VersionState,
} from './versions.js';
export type { EndedBy, InForceInterval } from './agreement-timeline.js';
export type { BoundParty } from './agreement-force.js';
export type { ApprovalState } from './party-approval.js';
export { partyObligation, partyObligations, type PartyObligation } from './party-obligations.js';
export { agreementSummary, nextSummaryChange, type AgreementSummary } from './agreement-summary.js';
export { forceTransitions, transitionsOf, type ForceTransition } from './force-transitions.js';
export { evaluateFromScratch } from './evaluate-from-scratch.js';
export { finalSince, partyFinality, type PartyFinality } from './decision-finality.js';
export { ledgerKnownAt, type Ledger } from './ledger-from-scratch.js';
export { approved, satisfied, signed, versionInForce } from './rules-from-scratch.js';
export {
  obligationRows,
  obligations,
  type MeetingHeld,
  type ObligationRow,
  type Obligations,
  type ObligationState,
  type ObligationStatus,
  type PartyPeriodStatus,
  type PeriodStatus,
} from './obligations.js';
export { obligationNotices, upcomingNoticeDays, type ObligationNotice } from './obligation-notices.js';

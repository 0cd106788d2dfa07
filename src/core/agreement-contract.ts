import Type from 'typebox';
import { AGREEMENT_EVENT_DATA, PartyDecisionSchema, type AgreementEvent } from './agreement-events.js';
import { EventContract, MalformedEventError, type DecodedEvent, type EncodedEvent } from './event-contract.js';
import type { WriterMetadata } from './event-metadata.js';
import type { StoredEvent } from './stored-event.js';
import { AGREEMENT_STREAM_PREFIX } from './stream-names.js';

/**
 * Every schema version of every agreement event. Versions 2 and 3 of AgreementDrafted
 * (effectiveUntil; the parties' bodies), of AgreementAmended (revise-term; the parties' bodies and
 * revise-party) and version 2 of DecisionAnnulled (the decision named by its eventId) came before
 * any production data, so the older versions are retired rather than upcast. AgreementDrafted's
 * optional jointBodies and AgreementAmended's add-joint-body and remove-joint-body only add what no
 * earlier event holds: every earlier event reads as it did, so they stay at version 3.
 */
/** DecisionRecorded as first written: its meeting without minutesPublishedOn. */
const DECISION_RECORDED_V1 = Type.Object(
  { ...PartyDecisionSchema.properties, meeting: Type.Object(
    (({ minutesPublishedOn: _new, ...rest }) => rest)(PartyDecisionSchema.properties.meeting.properties),
    { additionalProperties: false },
  ) },
  { additionalProperties: false },
);

export const agreementEvents = new EventContract<AgreementEvent>(AGREEMENT_STREAM_PREFIX, {
  AgreementDrafted: { retired: 2, versions: [AGREEMENT_EVENT_DATA.AgreementDrafted] },
  AgreementAmended: { retired: 2, versions: [AGREEMENT_EVENT_DATA.AgreementAmended] },
  // Version 2 adds meeting.minutesPublishedOn, optional: version 1 data is version 2 data as it is.
  // Version 3 adds a joint body's decision beside a party's: version 2 data is a party's, as it is.
  DecisionRecorded: {
    versions: [DECISION_RECORDED_V1, PartyDecisionSchema, AGREEMENT_EVENT_DATA.DecisionRecorded],
    upcasts: [(data) => data, (data) => data],
  },
  DecisionAnnulled: { retired: 1, versions: [AGREEMENT_EVENT_DATA.DecisionAnnulled] },
  AnnulmentReversed: { versions: [AGREEMENT_EVENT_DATA.AnnulmentReversed] },
  AppealLodged: { versions: [AGREEMENT_EVENT_DATA.AppealLodged] },
  AppealResolved: { versions: [AGREEMENT_EVENT_DATA.AppealResolved] },
  AgreementSigned: { versions: [AGREEMENT_EVENT_DATA.AgreementSigned] },
  AgreementTerminated: { versions: [AGREEMENT_EVENT_DATA.AgreementTerminated] },
  TerminationWithdrawn: { versions: [AGREEMENT_EVENT_DATA.TerminationWithdrawn] },
  ObligationFulfilled: { versions: [AGREEMENT_EVENT_DATA.ObligationFulfilled] },
});

/** The contracts of every stream category the log holds; a stream outside them takes no events. */
const CONTRACTS: readonly EventContract<{ readonly type: string; readonly data: unknown }>[] = [agreementEvents];

export function encodeAgreementEvent(event: AgreementEvent, metadata: Omit<WriterMetadata, 'schemaVersion'>): EncodedEvent {
  return agreementEvents.encode(event, metadata);
}

export function decodeAgreementEvent(stored: StoredEvent): DecodedEvent<AgreementEvent> {
  return agreementEvents.decode(stored);
}

/** What every store runs before it appends: the event must satisfy its stream's contract. */
export function checkAppendable(streamId: string, event: { readonly type: string; readonly data: unknown; readonly metadata?: unknown }): void {
  const contract = CONTRACTS.find((c) => c.governs(streamId));
  const where = `${event.type} for ${streamId}`;
  if (contract === undefined) throw new MalformedEventError(where, [{ path: 'streamId', message: `no event contract governs stream ${streamId}` }]);
  contract.checkAppend(where, event);
}

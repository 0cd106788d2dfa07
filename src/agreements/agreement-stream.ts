import { Inject, Injectable } from '@nestjs/common';
import { decodeAgreementEvent, encodeAgreementEvent } from '../core/agreement-contract.js';
import type { AgreementEvent } from '../core/agreement-events.js';
import type { WriterMetadata } from '../core/event-metadata.js';
import { agreementStreamId } from '../core/stream-names.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { AppendResult, EventStore, ExpectedRevision, StoredEvent } from '../event-store/event-store.port.js';
import { evolve, initialState, type AgreementState } from './domain/agreement-state.js';

export interface LoadedAgreement {
  readonly state: AgreementState;
  /** The stream's last revision; -1 when the agreement does not exist. */
  readonly revision: number;
  readonly events: readonly StoredEvent[];
}

/** The write side's view of one agreement stream: decode and fold it into state, encode and append to it. */
@Injectable()
export class AgreementStream {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(agreementId: string): Promise<LoadedAgreement> {
    const events = await this.store.readStream(agreementStreamId(agreementId));
    let state = initialState();
    events.forEach((stored, i) => {
      // A store that skipped a revision would have the decider judge commands on a wrong state.
      if (stored.revision !== i) throw new Error(`${stored.streamId}: expected revision ${i}, the store returned ${stored.revision}`);
      state = evolve(state, decodeAgreementEvent(stored).event, stored.eventId);
    });
    return { state, revision: events.length - 1, events };
  }

  append(
    agreementId: string,
    events: readonly AgreementEvent[],
    options: { expectedRevision: number; metadata: Omit<WriterMetadata, 'schemaVersion'>; eventIds?: readonly string[] },
  ): Promise<AppendResult> {
    const expectedRevision: ExpectedRevision = options.expectedRevision < 0 ? 'no-stream' : BigInt(options.expectedRevision);
    return this.store.append(
      agreementStreamId(agreementId),
      events.map((event, i) => ({
        ...(options.eventIds && { eventId: options.eventIds[i] }),
        ...encodeAgreementEvent(event, options.metadata),
      })),
      { expectedRevision },
    );
  }
}

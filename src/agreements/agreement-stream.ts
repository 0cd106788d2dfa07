import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { AppendResult, EventStore, ExpectedRevision, JsonObject, StoredEvent } from '../event-store/event-store.port.js';
import { type AgreementEvent } from '../core/agreement-events.js';
import { agreementStreamId } from '../core/stream-names.js';
import { evolve, initialState, type AgreementState } from './domain/agreement-state.js';

export interface LoadedAgreement {
  readonly state: AgreementState;
  /** The stream's last revision; -1 when the agreement does not exist. */
  readonly revision: number;
  readonly events: readonly StoredEvent[];
}

/** The write side's view of one agreement stream: fold it into state, append to it. */
@Injectable()
export class AgreementStream {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(agreementId: string): Promise<LoadedAgreement> {
    const events = await this.store.readStream(agreementStreamId(agreementId));
    const state = events.reduce<AgreementState>((s, e) => evolve(s, toDomainEvent(e)), initialState());
    return { state, revision: events.length - 1, events };
  }

  append(
    agreementId: string,
    events: readonly AgreementEvent[],
    options: { expectedRevision: number; metadata: JsonObject; eventIds?: readonly string[] },
  ): Promise<AppendResult> {
    const expectedRevision: ExpectedRevision = options.expectedRevision < 0 ? 'no-stream' : BigInt(options.expectedRevision);
    return this.store.append(
      agreementStreamId(agreementId),
      events.map((event, i) => ({
        ...(options.eventIds && { eventId: options.eventIds[i] }),
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: options.metadata,
      })),
      { expectedRevision },
    );
  }
}

/** Stored events of an agreement stream are agreement events: only this module writes there. */
export function toDomainEvent(stored: StoredEvent): AgreementEvent {
  return { type: stored.type, data: stored.data } as unknown as AgreementEvent;
}

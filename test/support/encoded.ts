import { randomUUID } from 'node:crypto';
import { encodeAgreementEvent } from '../../src/core/agreement-contract.js';
import type { AgreementEvent } from '../../src/core/agreement-events.js';
import type { EventToAppend } from '../../src/event-store/event-store.port.js';

/** An agreement event in stored form, as the command runner would hand it to a store. */
export function encoded(event: AgreementEvent, extra: { eventId?: string; actor?: string } = {}): EventToAppend {
  const requestId = randomUUID();
  return {
    ...(extra.eventId !== undefined && { eventId: extra.eventId }),
    ...encodeAgreementEvent(event, { actor: extra.actor ?? 'test', $correlationId: requestId, $causationId: requestId }),
  };
}

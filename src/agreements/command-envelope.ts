import type { Principal } from '../auth/principal.js';

/** What travels with every command besides its data: who, under which request, with which guards. */
export interface CommandEnvelope {
  readonly principal: Principal;
  /** X-Request-Id, or generated: the events' $correlationId and $causationId. */
  readonly requestId: string;
  /** If-Match: the stream revision the caller based its command on. */
  readonly ifMatch?: number;
  /** Idempotency-Key: the events' ids are derived from it. */
  readonly idempotencyKey?: string;
}

/**
 * `201 {agreementId, version, revision, position, eventId}`: revision, position and id of the last
 * event the command appended — the first time, for a command replayed by its Idempotency-Key.
 * A no-op (a repeated signature) appends nothing, names the stream's last event and answers 200.
 */
export interface CommandResult {
  readonly agreementId: string;
  readonly version: number;
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly appended: boolean;
}

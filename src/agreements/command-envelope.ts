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

/** `201 {agreementId, version, revision, position}`; a no-op (repeated signature) answers 200. */
export interface CommandResult {
  readonly agreementId: string;
  readonly version: number;
  readonly revision: number;
  readonly position: string;
  readonly appended: boolean;
}

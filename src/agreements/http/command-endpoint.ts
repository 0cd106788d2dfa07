import { applyDecorators, BadRequestException, HttpCode, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { parseIdempotencyKey } from '../../idempotency/derived-event-ids.js';
import type { CommandEnvelope } from '../command-envelope.js';
import { CommandResponseInterceptor, CREATED_KEY, LOCATION_KEY } from './command-response.interceptor.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

export type { CommandResponse } from './command-response.interceptor.js';

/**
 * A command endpoint in one line: 201 with ETag (200 for a no-op), Idempotency-Key handling,
 * and with `location` a Location header naming the agreement. `created: false` answers 200 even
 * when the command appended (a DELETE that records a withdrawal creates no resource).
 */
export function CommandEndpoint(options: { location?: boolean; created?: boolean } = {}): MethodDecorator {
  const created = options.created ?? true;
  return applyDecorators(
    HttpCode(created ? 201 : 200),
    SetMetadata(LOCATION_KEY, options.location ?? false),
    SetMetadata(CREATED_KEY, created),
    UseInterceptors(IdempotencyInterceptor, CommandResponseInterceptor),
  );
}

/** `"7"` (or `W/"7"`, or a list whose entries all name one revision). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const revisions = header.split(',').map((tag) => /^\s*(?:W\/)?"(-1|\d{1,15})"\s*$/.exec(tag)?.[1]);
  if (revisions.some((r) => r === undefined) || new Set(revisions).size !== 1) {
    throw new BadRequestException('If-Match must be the ETag of the agreement, a stream revision in quotes, e.g. "7"');
  }
  return Number(revisions[0]);
}

export function envelopeOf(request: AuthenticatedRequest): CommandEnvelope {
  const key = parseIdempotencyKey(request.headers['idempotency-key'] as string | undefined);
  const ifMatch = parseIfMatch(request.headers['if-match']);
  return {
    principal: request.principal!,
    requestId: String(request.id),
    ...(ifMatch !== undefined && { ifMatch }),
    ...(typeof key === 'string' && { idempotencyKey: key }),
  };
}

import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, of, switchMap, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { parseIdempotencyKey } from '../../idempotency/derived-event-ids.js';
import { IDEMPOTENCY_KEYS, IdempotencyStore, type IdempotencyClaim, type IdempotencyKeys } from '../../idempotency/idempotency-store.js';

/**
 * Idempotency-Key (IETF draft): the same key with the same request replays the first response
 * and appends nothing; with another request → 422; while the first is still running → 409.
 * A failed command releases its key, so the client may simply send it again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_KEYS) private readonly keys: IdempotencyKeys) {
    void Promise.resolve(keys.purgeExpired()).catch(() => undefined);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const key = parseIdempotencyKey(request.headers['idempotency-key'] as string | undefined);
    if (key === undefined) return next.handle();
    if (key instanceof Error) throw new BadRequestException(key.message);
    const principalId = request.principal!.id;
    const fingerprint = IdempotencyStore.fingerprint(request.method, request.url, request.body);
    return from(Promise.resolve(this.keys.claim(principalId, key, fingerprint))).pipe(
      switchMap((claim) => this.answer(claim, next, reply, principalId, key)),
    );
  }

  private answer(claim: IdempotencyClaim, next: CallHandler, reply: FastifyReply, principalId: string, key: string): Observable<unknown> {
    switch (claim.outcome) {
      case 'mismatch':
        throw new UnprocessableEntityException('this Idempotency-Key was already used for a different request');
      case 'in-flight':
        throw new ConflictException('a request with this Idempotency-Key is still being processed; retry shortly');
      case 'replay': {
        const { status, body, etag } = claim.response;
        void reply.status(status).header('idempotent-replayed', 'true');
        if (etag) void reply.header('etag', etag);
        return of(body);
      }
      case 'proceed':
        return next.handle().pipe(
          mergeMap(async (body) => {
            const etag = reply.getHeader('etag');
            await this.keys.complete(principalId, key, { status: reply.statusCode, body, ...(typeof etag === 'string' && { etag }) });
            return body;
          }),
          catchError((error: unknown) =>
            from(Promise.resolve(this.keys.release(principalId, key))).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
    }
  }
}

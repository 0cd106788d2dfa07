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
import type Database from 'better-sqlite3';
import type { FastifyReply } from 'fastify';
import { catchError, of, tap, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { parseIdempotencyKey } from '../../idempotency/derived-event-ids.js';
import { IdempotencyStore } from '../../idempotency/idempotency-store.js';
import { STATE_DB } from '../../state/state.module.js';

/**
 * Idempotency-Key (IETF draft): the same key with the same request replays the first response
 * and appends nothing; with another request → 422; while the first is still running → 409.
 * A failed command releases its key, so the client may simply send it again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly keys: IdempotencyStore;

  constructor(@Inject(STATE_DB) db: Database.Database) {
    this.keys = new IdempotencyStore(db);
    this.keys.purgeExpired();
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
    const claim = this.keys.claim(principalId, key, fingerprint);
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
          tap((body) => {
            const etag = reply.getHeader('etag');
            this.keys.complete(principalId, key, { status: reply.statusCode, body, ...(typeof etag === 'string' && { etag }) });
          }),
          catchError((error: unknown) => {
            this.keys.release(principalId, key);
            return throwError(() => error);
          }),
        );
    }
  }
}

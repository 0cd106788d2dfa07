import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

/**
 * A GET form sends its empty fields too (`?region=&status=`); an empty filter means no filter.
 * Runs before the validation pipe, which would otherwise refuse `partyId=` as no business id.
 */
@Injectable()
export class EmptyQueryValuesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const query = request.query as Record<string, unknown>;
    for (const [key, value] of Object.entries(query)) {
      if (value === '' || (typeof value === 'string' && value.trim() === '')) delete query[key];
    }
    return next.handle();
  }
}

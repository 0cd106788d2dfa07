import {
  BadRequestException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner } from './projection-runner.js';

const WAIT_MS = 5000;

/** `?minPosition=` on a query: wait (≤ 5 s, then 503) until the read models include that position. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const minPosition = (context.switchToHttp().getRequest<FastifyRequest>().query as { minPosition?: unknown }).minPosition;
    if (minPosition === undefined) return next.handle();
    if (typeof minPosition !== 'string' || !this.isPosition(minPosition)) {
      throw new BadRequestException('minPosition must be a position returned by a command');
    }
    return from(this.runner.waitFor(minPosition, WAIT_MS)).pipe(
      mergeMap((caughtUp) => {
        if (!caughtUp) throw new ServiceUnavailableException(`the read models did not reach position ${minPosition} within ${WAIT_MS / 1000} s`);
        return next.handle();
      }),
    );
  }

  private isPosition(position: string): boolean {
    try {
      this.store.comparePositions(position, position);
      return true;
    } catch {
      return false;
    }
  }
}

import { Controller, Get, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AgreementIdPipe } from '../agreements/http/agreement-id.pipe.js';
import type { StoredEvent } from '../event-store/event-store.port.js';
import { AgreementQueries, type Verification } from './agreement-queries.js';
import { etagOf } from './agreement-views.js';
import { MinPositionQuery } from './query.dto.js';
import { knownAtQuery, type KnownAtQuery } from './time-query.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

/** The raw stream and its hash chain: for auditors and the regional administration. */
@Controller('agreements')
@Roles('auditor', 'admin')
@UseInterceptors(ReadYourWritesInterceptor)
export class AuditQueriesController {
  constructor(private readonly queries: AgreementQueries) {}

  @Get(':id/events')
  async events(
    @Param('id', AgreementIdPipe) id: string,
    @Query(knownAtQuery) query: KnownAtQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredEvent[]> {
    const { projection, events } = await this.queries.events(id, principal, query.knownAt);
    void reply.header('etag', etagOf(projection));
    return events;
  }

  /** Recomputes every hash of the stream as stored now. */
  @Get(':id/verify')
  async verify(
    @Param('id', AgreementIdPipe) id: string,
    @Query() _query: MinPositionQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Verification> {
    return this.queries.verify(id, principal);
  }
}

import { Controller, Get, Inject, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AgreementIdPipe } from '../agreements/http/agreement-id.pipe.js';
import { agreementStreamId } from '../core/stream-names.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore, StoredEvent } from '../event-store/event-store.port.js';
import { verifyChain, type ChainVerification } from '../core/hash-chain.js';
import { AgreementViews, etagOf } from './agreement-views.js';
import { KnownAtQueryDto, MinPositionQuery } from './query.dto.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

/** The raw stream and its hash chain: for auditors and the regional administration. */
@Controller('agreements')
@Roles('auditor', 'admin')
@UseInterceptors(ReadYourWritesInterceptor)
export class AuditQueriesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly views: AgreementViews,
  ) {}

  @Get(':id/events')
  async events(
    @Param('id', AgreementIdPipe) id: string,
    @Query() query: KnownAtQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StoredEvent[]> {
    const { projection } = await this.views.visible(id, principal);
    void reply.header('etag', etagOf(projection));
    const events = await this.store.readStream(agreementStreamId(id));
    const knownAt = await this.views.knownAt(id, query.knownAt);
    return events.filter(
      (e) =>
        (knownAt?.revision === undefined || e.revision <= knownAt.revision) &&
        (knownAt?.recordedAt === undefined || Date.parse(e.recordedAt) <= Date.parse(knownAt.recordedAt)),
    );
  }

  /** Recomputes every hash of the stream as stored now. */
  @Get(':id/verify')
  async verify(
    @Param('id', AgreementIdPipe) id: string,
    @Query() _query: MinPositionQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Pick<ChainVerification, 'valid' | 'events' | 'headHash' | 'firstInvalidRevision'>> {
    await this.views.visible(id, principal);
    const { valid, events, headHash, firstInvalidRevision } = verifyChain(await this.store.readStream(agreementStreamId(id)));
    return { valid, events, headHash, ...(firstInvalidRevision !== undefined && { firstInvalidRevision }) };
  }
}

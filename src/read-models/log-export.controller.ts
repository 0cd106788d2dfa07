import { Controller, ForbiddenException, Get, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { fieldProblem } from '../checkpoints/checkpoint-queries.dto.js';
import { exportLine } from '../core/exported-event.js';
import { isAgreementStream } from '../core/stream-names.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { LogPageQuery } from './query.dto.js';

const PAGE = 1000;

/**
 * The whole log in the export file format (`ledger export --url`), a page at a time in position
 * order: for those who may read every agreement — auditors and admins without a region limit.
 * Only agreement streams, as in the ledger tree and every export.
 */
@Controller('events')
@Roles('auditor', 'admin')
export class LogExportController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async page(@Query() query: LogPageQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (principal.region !== undefined) throw new ForbiddenException('the whole log is read by auditors and by admins without a region limit; export one agreement at a time');
    if (query.after !== undefined) {
      try {
        this.store.comparePositions(query.after, query.after);
      } catch {
        throw fieldProblem('after', 'after must be a position of this log (the next link gives it)');
      }
    }
    const limit = query.limit ?? PAGE;
    const events = await this.store.readAll({ ...(query.after !== undefined && { fromPosition: query.after }), maxCount: limit });
    // A full page may have more after it (RFC 8288); a short one is the head of the log as it was read.
    if (events.length === limit) {
      const next = new URLSearchParams({ after: events[events.length - 1]!.position, limit: String(limit) });
      void reply.header('link', `</api/events?${next}>; rel="next"`);
    }
    void reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    return events.filter((event) => isAgreementStream(event.streamId)).map((event) => `${exportLine(event)}\n`).join('');
  }
}

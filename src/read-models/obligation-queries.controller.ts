import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AgreementIdPipe } from '../agreements/http/agreement-id.pipe.js';
import type { ObligationRow, Obligations } from '../../projections/index.js';
import { ObligationQueries } from './obligation-queries.js';
import { ListObligationsQuery } from './query.dto.js';
import { asOfQuery, type AsOfQuery } from './time-query.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

/** Which duties are met, due or overdue, per agreement and across them. Every role reads. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class ObligationQueriesController {
  constructor(private readonly queries: ObligationQueries) {}

  @Get('agreements/:id/obligations')
  ofAgreement(@Param('id', AgreementIdPipe) id: string, @Query(asOfQuery) query: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<Obligations> {
    return this.queries.ofAgreement(id, principal, query);
  }

  @Get('obligations')
  list(@Query() query: ListObligationsQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: ObligationRow[]; total: number }> {
    return this.queries.list(principal, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }
}

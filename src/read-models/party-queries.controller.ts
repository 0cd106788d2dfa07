import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import type { PartyObligation } from '../../projections/index.js';
import { AgreementQueries } from './agreement-queries.js';
import { MinPositionQuery } from './query.dto.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

@Controller('parties')
@UseInterceptors(ReadYourWritesInterceptor)
export class PartyQueriesController {
  constructor(private readonly queries: AgreementQueries) {}

  /** Agreements whose latest version this party still has to approve or sign. */
  @Get(':partyId/pending')
  async pending(
    @Param('partyId') raw: string,
    @Query() _query: MinPositionQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartyObligation[]> {
    return (await this.queries.pending(principal, raw)).items;
  }
}

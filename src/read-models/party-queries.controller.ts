import { Controller, ForbiddenException, Get, NotFoundException, Param, Query, UseInterceptors } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { normalisePartyId } from '../core/party-id.js';
import { partyObligation, type PartyObligation } from '../../projections/index.js';
import { AgreementViews } from './agreement-views.js';
import { MinPositionQuery } from './query.dto.js';
import { ReadModelStore } from './read-model-store.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

@Controller('parties')
@UseInterceptors(ReadYourWritesInterceptor)
export class PartyQueriesController {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly views: AgreementViews,
  ) {}

  /** Agreements whose latest version this party still has to approve or sign. */
  @Get(':partyId/pending')
  async pending(
    @Param('partyId') raw: string,
    @Query() _query: MinPositionQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartyObligation[]> {
    const partyId = normalisePartyId(raw);
    if (!partyId) throw new NotFoundException(`${raw} is not a business id (Y-tunnus)`);
    if (principal.role === 'clerk' && principal.partyId !== partyId) {
      throw new ForbiddenException(`a clerk of ${principal.partyId} sees only that party's obligations`);
    }
    const today = this.views.today();
    const projections = await Promise.all(this.readModels.agreementsOfParty(partyId).map((id) => this.views.projections.get(id)));
    return projections
      .filter((p) => p.status === 'drafted' && (principal.role !== 'admin' || principal.region === undefined || p.region === principal.region))
      .map((p) => partyObligation(p, partyId, { asOf: today }))
      .filter((o): o is PartyObligation => o !== null);
  }
}

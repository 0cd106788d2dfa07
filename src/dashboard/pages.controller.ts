import { Controller, Get, Header, Param, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { SessionAuth } from '../auth/sessions/session-route.js';
import { AgreementIdPipe } from '../agreements/http/agreement-id.pipe.js';
import { normaliseName } from '../core/text-formats.js';
import { AgreementQueries } from '../read-models/agreement-queries.js';
import { ObligationQueries } from '../read-models/obligation-queries.js';
import { EmptyQueryValuesInterceptor } from './empty-query-values.interceptor.js';
import { pageContext } from './page-context.js';
import { PageErrorsFilter } from './page-errors.filter.js';
import { AgreementPageQuery, ListPageQuery, PartyPageQuery, RegionObligationsPageQuery } from './page-queries.dto.js';
import { agreementPage } from './pages/agreement.page.js';
import { listPage, type ListRow } from './pages/list.page.js';
import { partyPage } from './pages/party.page.js';
import { regionObligationsPage } from './pages/region-obligations.page.js';

const PAGE_SIZE = 50;

/**
 * The regional dashboard: every answer comes from the same query service as the API's, with the
 * signed-in principal's scope, rendered as HTML. Pages are never cached: they show one person's view.
 */
// Pages, not API operations: left out of the OpenAPI document.
@ApiExcludeController()
@Controller()
@SessionAuth()
@UseFilters(PageErrorsFilter)
@UseInterceptors(EmptyQueryValuesInterceptor)
export class PagesController {
  constructor(
    private readonly queries: AgreementQueries,
    private readonly obligations: ObligationQueries,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async list(@Query() query: ListPageQuery, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const offset = query.offset ?? 0;
    const filter = {
      ...(query.region !== undefined && { region: query.region }),
      ...(query.status !== undefined && { status: query.status }),
      ...(query.partyId !== undefined && { partyId: query.partyId }),
    };
    const { items, total } = await this.queries.list(principal, { ...filter, limit: PAGE_SIZE, offset });
    const rows: ListRow[] = await Promise.all(
      items.map(async (summary) => {
        if (summary.status === 'expired' || summary.status === 'terminated') return { summary, toAct: null };
        const { status } = await this.queries.status(summary.agreementId, principal, {});
        return { summary, toAct: status.pending.filter((p) => p.approval !== 'approved' || p.signature === 'missing').length };
      }),
    );
    return listPage(pageContext(request, reply), { filter, rows, total, offset, pageSize: PAGE_SIZE }).markup;
  }

  @Get('agreements/:agreementId')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async agreement(
    @Param('agreementId', AgreementIdPipe) id: string,
    @Query() query: AgreementPageQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const asked = query.asOf === undefined ? {} : { asOf: query.asOf };
    const { summary } = await this.queries.agreement(id, principal);
    const [{ status }, { versions }] = await Promise.all([this.queries.status(id, principal, asked), this.queries.versions(id, principal, asked)]);
    // The raw log is the API's for auditors and admins only (API.md "Auth"); a clerk's page has none.
    const audit =
      principal.role === 'clerk'
        ? undefined
        : { events: (await this.queries.events(id, principal)).events, verification: await this.queries.verify(id, principal) };
    return agreementPage(pageContext(request, reply), { summary, status, versions, today: this.queries.today(), ...(audit && { audit }) }).markup;
  }

  @Get('parties/:partyId')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async party(
    @Param('partyId') raw: string,
    @Query() _query: PartyPageQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { partyId, items } = await this.queries.pending(principal, raw);
    // Its own rows only: the API's partyId filter also keeps the obligations it convenes.
    const rows = (await this.obligations.list(principal, { partyId, limit: 500, offset: 0 })).items.filter((row) => row.partyId === partyId);
    return partyPage(pageContext(request, reply), partyId, items, rows).markup;
  }

  /** Under `regions/`: the API's `obligations` template is lifted out of `/api` by name (dashboard-routes.ts). */
  @Get('regions/:region/obligations')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async regionObligations(
    @Param('region') region: string,
    @Query() query: RegionObligationsPageQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const filter = { region: normaliseName(region), ...(query.status !== undefined && { status: query.status }), limit: 500, offset: 0 };
    const { items } = await this.obligations.list(principal, filter);
    return regionObligationsPage(pageContext(request, reply), filter.region, query.status, items).markup;
  }

}

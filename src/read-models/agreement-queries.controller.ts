import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AgreementIdPipe } from '../agreements/http/agreement-id.pipe.js';
import { agreementSummary, status, versions, type AgreementSummary, type Status, type Version } from '../../projections/index.js';
import type { Party } from '../core/agreement-events.js';
import { AgreementViews, etagOf } from './agreement-views.js';
import { AsOfQueryDto, ListAgreementsQuery } from './query.dto.js';
import { ReadModelStore } from './read-model-store.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

/** What is in force, since when, which version, and who still has to act. Every role reads. */
@Controller('agreements')
@UseInterceptors(ReadYourWritesInterceptor)
export class AgreementQueriesController {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly views: AgreementViews,
  ) {}

  @Get()
  async list(@Query() query: ListAgreementsQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: AgreementSummary[]; total: number }> {
    // A region admin sees its region, a clerk its party's agreements, whatever the filters ask.
    if (principal.role === 'admin' && principal.region !== undefined && query.region !== undefined && query.region !== principal.region) {
      return { items: [], total: 0 };
    }
    return this.readModels.list(
      {
        ...(query.region !== undefined && { region: query.region }),
        ...(principal.role === 'admin' && principal.region !== undefined && { region: principal.region }),
        ...(query.status !== undefined && { status: query.status }),
        ...(query.partyId !== undefined && { partyId: query.partyId }),
        ...(principal.role === 'clerk' && { visibleToParty: principal.partyId! }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      },
      this.views.today(),
      (id) => this.views.projections.get(id),
    );
  }

  @Get(':id')
  async get(
    @Param('id', AgreementIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<AgreementSummary, 'parties'> & { parties: readonly Party[]; versions: number[] }> {
    const { projection, today } = await this.views.visible(id, principal);
    void reply.header('etag', etagOf(projection));
    const summary = agreementSummary(projection, { asOf: today })!;
    const latest = projection.versions[projection.versions.length - 1]!;
    return { ...summary, parties: latest.parties, versions: projection.versions.map((v) => v.version) };
  }

  @Get(':id/status')
  async status(
    @Param('id', AgreementIdPipe) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Status> {
    const { projection, today } = await this.views.visible(id, principal);
    void reply.header('etag', etagOf(projection));
    const knownAt = await this.views.knownAt(id, query.knownAt);
    const asOf = query.asOf ?? today;
    const answer = knownAt ? status(projection, { asOf, knownAt }) : await this.views.projections.statusOn(id, asOf);
    if (!answer) throw new NotFoundException(`agreement ${id} was not yet recorded at knownAt ${query.knownAt}`);
    return answer;
  }

  @Get(':id/versions')
  async versions(
    @Param('id', AgreementIdPipe) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Version[]> {
    const { projection, today } = await this.views.visible(id, principal);
    void reply.header('etag', etagOf(projection));
    const answer = versions(projection, { asOf: query.asOf ?? today, knownAt: await this.views.knownAt(id, query.knownAt) });
    if (!answer) throw new NotFoundException(`agreement ${id} was not yet recorded at knownAt ${query.knownAt}`);
    return answer;
  }

  @Get(':id/versions/:n')
  async version(
    @Param('id', AgreementIdPipe) id: string,
    @Param('n', new ParseIntPipe({ errorHttpStatusCode: 404 })) n: number,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Version> {
    const all = await this.versions(id, query, principal, reply);
    const found = all.find((v) => v.version === n);
    if (!found) throw new NotFoundException(`agreement ${id} has no version ${n}`);
    return found;
  }
}

import { Controller, Get, NotFoundException, Param, ParseIntPipe, Query, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/decorators.js';
import { keptJson } from '../http/json-body.js';
import type { Principal } from '../auth/principal.js';
import { AgreementIdPipe } from '../agreements/http/agreement-id.pipe.js';
import type { AgreementSummary, Version } from '../../projections/index.js';
import type { ForceRule, Party } from '../core/agreement-events.js';
import { AgreementQueries } from './agreement-queries.js';
import { etagOf } from './agreement-views.js';
import { ListAgreementsQuery } from './query.dto.js';
import { asOfQuery, type AsOfQuery } from './time-query.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

/** What is in force, since when, which version, and who still has to act. Every role reads. */
@Controller('agreements')
@UseInterceptors(ReadYourWritesInterceptor)
export class AgreementQueriesController {
  constructor(private readonly queries: AgreementQueries) {}

  @Get()
  async list(@Query() query: ListAgreementsQuery, @CurrentPrincipal() principal: Principal): Promise<{ items: AgreementSummary[]; total: number }> {
    return this.queries.list(principal, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get(':id')
  async get(
    @Param('id', AgreementIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<
    Omit<AgreementSummary, 'parties'> & { parties: readonly Party[]; versions: number[]; forceRule: ForceRule; partOf: string | null; parts: AgreementSummary[] }
  > {
    const { projection, summary, parts } = await this.queries.agreement(id, principal);
    void reply.header('etag', etagOf(projection));
    const latest = projection.versions[projection.versions.length - 1]!;
    return { ...summary, parties: latest.parties, versions: projection.versions.map((v) => v.version), forceRule: projection.forceRule, partOf: projection.partOf, parts };
  }

  @Get(':id/status')
  async status(
    @Param('id', AgreementIdPipe) id: string,
    @Query(asOfQuery) query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { projection, status } = await this.queries.status(id, principal, query);
    void reply.header('etag', etagOf(projection));
    return keptJson(reply, status);
  }

  @Get(':id/versions')
  async versions(
    @Param('id', AgreementIdPipe) id: string,
    @Query(asOfQuery) query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Version[]> {
    const { projection, versions } = await this.queries.versions(id, principal, query);
    void reply.header('etag', etagOf(projection));
    return versions;
  }

  @Get(':id/versions/:n')
  async version(
    @Param('id', AgreementIdPipe) id: string,
    @Param('n', new ParseIntPipe({ errorHttpStatusCode: 404 })) n: number,
    @Query(asOfQuery) query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Version> {
    const all = await this.versions(id, query, principal, reply);
    const found = all.find((v) => v.version === n);
    if (!found) throw new NotFoundException(`agreement ${id} has no version ${n}`);
    return found;
  }
}

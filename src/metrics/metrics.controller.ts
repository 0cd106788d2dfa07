import { Controller, ForbiddenException, Get, Inject, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/guards/principal.guard.js';
import { Public } from '../auth/decorators.js';
import type { LedgerConfig } from '../config/ledger-config.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * GET /metrics (outside /api, where Prometheus looks): open with LEDGER_METRICS=true, for a
 * scraper on a private network; otherwise only an admin token may read it.
 */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Get()
  async scrape(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.config.metricsOpen) {
      if (!request.principal) {
        void reply.header('www-authenticate', 'Bearer realm="agreement-ledger"');
        throw new UnauthorizedException('metrics are open only with LEDGER_METRICS=true; otherwise send an admin token');
      }
      if (request.principal.role !== 'admin') throw new ForbiddenException(`the ${request.principal.role} role may not read metrics (allowed: admin)`);
    }
    const { contentType, body } = await this.metrics.text();
    void reply.header('content-type', contentType).send(body);
  }
}

import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LedgerConfig } from '../../config/ledger-config.js';
import { LEDGER_CONFIG } from '../../config/ledger-config.token.js';
import type { AuthenticatedRequest } from './principal.guard.js';

/**
 * LEDGER_RATE_LIMIT requests a minute per principal and per client IP. It runs after the
 * principal is resolved but before access is decided, so failed credential guesses count
 * against the IP. Health checks are never throttled: a balancer must not see the server as down.
 * (@nestjs/throttler 6 is CommonJS requiring the ESM-only @nestjs/common 12, which Jest cannot load.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly perPrincipal: RateLimiterMemory;
  private readonly perIp: RateLimiterMemory;
  private readonly limit: number;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    this.limit = config.rateLimitPerMinute;
    this.perPrincipal = new RateLimiterMemory({ keyPrefix: 'principal', points: this.limit, duration: 60 });
    this.perIp = new RateLimiterMemory({ keyPrefix: 'ip', points: this.limit, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.limit === 0) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.url.startsWith('/api/health')) return true;
    const reply = http.getResponse<FastifyReply>();
    try {
      const results = await Promise.all([
        this.perIp.consume(request.ip),
        ...(request.principal ? [this.perPrincipal.consume(request.principal.id)] : []),
      ]);
      const tightest = results.reduce((a, b) => (a.remainingPoints <= b.remainingPoints ? a : b));
      void reply.header('ratelimit-limit', this.limit).header('ratelimit-remaining', tightest.remainingPoints);
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      void reply.header('retry-after', retryAfter).header('ratelimit-limit', this.limit).header('ratelimit-remaining', 0);
      throw new HttpException(
        `more than ${this.limit} requests a minute; retry after ${retryAfter} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}

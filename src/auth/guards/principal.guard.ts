import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authenticator, type Authentication } from '../authenticator.js';
import type { Principal } from '../principal.js';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal; authentication?: Authentication };

/**
 * First guard: resolves who is calling and never refuses by itself, so the rate limiter that
 * follows counts unauthenticated attempts too; the access guard refuses last.
 */
@Injectable()
export class PrincipalGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authentication = await this.authenticator.authenticate(request.headers.authorization);
    request.authentication = authentication;
    if (authentication.outcome === 'authenticated') request.principal = authentication.principal;
    return true;
  }
}

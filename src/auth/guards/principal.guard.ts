import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Authenticator, type Authentication } from '../authenticator.js';
import { SESSION_KEY } from '../sessions/session-route.js';
import type { Principal } from '../principal.js';
import { sessionIdFrom } from '../sessions/session-cookie.js';
import { SessionStore, type Session } from '../sessions/session-store.js';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal; authentication?: Authentication; session?: Session };

/**
 * First guard: resolves who is calling and never refuses by itself, so the rate limiter that
 * follows counts unauthenticated attempts too; the access guard refuses last. The dashboard's
 * pages (@SessionAuth) take the principal from the session cookie, every other route from the
 * Authorization header.
 */
@Injectable()
export class PrincipalGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: SessionStore,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(SESSION_KEY, [context.getHandler(), context.getClass()])) {
      const id = sessionIdFrom(request.headers.cookie);
      const session = id === undefined ? undefined : await this.sessions.find(id);
      request.authentication = session ? { outcome: 'authenticated', principal: session.principal } : { outcome: 'anonymous' };
      if (session) {
        request.session = session;
        request.principal = session.principal;
      }
      return true;
    }
    const authentication = await this.authenticator.authenticate(request.headers.authorization);
    request.authentication = authentication;
    if (authentication.outcome === 'authenticated') request.principal = authentication.principal;
    return true;
  }
}

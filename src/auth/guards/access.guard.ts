import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { PUBLIC_KEY, ROLES_KEY } from '../decorators.js';
import type { Role } from '../principal.js';
import type { AuthenticatedRequest } from './principal.guard.js';

/** Refuses with 401 without valid credentials and 403 for a role the route does not allow. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const authentication = request.authentication;
    if (!request.principal) {
      const rejected = authentication?.outcome === 'rejected';
      void http
        .getResponse<FastifyReply>()
        .header('www-authenticate', rejected ? 'Bearer realm="agreement-ledger", error="invalid_token"' : 'Bearer realm="agreement-ledger"');
      throw new UnauthorizedException(rejected ? authentication.reason : 'credentials are required: Authorization: Bearer <token>');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException(`the ${request.principal.role} role may not do this (allowed: ${roles.join(', ')})`);
    }
    return true;
  }
}

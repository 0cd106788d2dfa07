import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './principal.js';
import type { AuthenticatedRequest } from './guards/principal.guard.js';

export const PUBLIC_KEY = 'ledger:public';
export const ROLES_KEY = 'ledger:roles';

/** Open to anyone, no credentials (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route (or every route of the controller). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The authenticated caller; routes that are not @Public() always have one. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);

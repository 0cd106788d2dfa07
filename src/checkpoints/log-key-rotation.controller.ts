import { Controller, ForbiddenException, Post } from '@nestjs/common';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { LedgerTreeService } from './ledger-tree-service.js';
import type { LogKeyInfo } from './log-keys.js';

/** Key rotation: admins without a region limit, like token management. */
@Controller('keys')
export class LogKeyRotationController {
  constructor(private readonly tree: LedgerTreeService) {}

  @Post('rotation')
  @Roles('admin')
  rotate(@CurrentPrincipal() principal: Principal): LogKeyInfo {
    if (principal.region !== undefined) throw new ForbiddenException('only an admin without a region limit rotates the log key');
    return this.tree.keys.rotate(new Date());
  }
}


import { ConflictException, Controller, ForbiddenException, Post } from '@nestjs/common';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { LedgerTreeService } from './ledger-tree-service.js';
import { KeyFileRotationRefused, type LogKeyInfo } from './log-keys.js';

/** Key rotation: admins without a region limit, like token management. */
@Controller('keys')
export class LogKeyRotationController {
  constructor(private readonly tree: LedgerTreeService) {}

  @Post('rotation')
  @Roles('admin')
  rotate(@CurrentPrincipal() principal: Principal): LogKeyInfo {
    if (principal.region !== undefined) throw new ForbiddenException('only an admin without a region limit rotates the log key');
    try {
      return this.tree.keys.rotate(new Date());
    } catch (error) {
      if (error instanceof KeyFileRotationRefused) throw new ConflictException(error.message);
      throw error;
    }
  }
}


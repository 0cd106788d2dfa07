import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal } from './decorators.js';
import type { Principal } from './principal.js';

@Controller('me')
export class MeController {
  /** Who the presented credentials say the caller is. */
  @Get()
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

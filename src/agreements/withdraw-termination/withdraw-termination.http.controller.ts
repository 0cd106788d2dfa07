import { Body, Controller, Delete, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { WithdrawTerminationCommand } from './withdraw-termination.command.js';
import { WithdrawTerminationRequest } from './withdraw-termination.request.dto.js';

@Controller('agreements')
export class WithdrawTerminationController {
  constructor(private readonly commands: CommandBus) {}

  /** Voids the standing termination before its effectiveOn; 200, as a DELETE creates nothing. */
  @Delete(':id/termination')
  @Roles('admin')
  @CommandEndpoint({ created: false })
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Body() body: WithdrawTerminationRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new WithdrawTerminationCommand(agreementId, body, envelopeOf(request)));
  }
}

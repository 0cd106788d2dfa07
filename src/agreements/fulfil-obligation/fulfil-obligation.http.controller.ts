import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { ObligationIdPipe } from '../http/obligation-id.pipe.js';
import { FulfilObligationCommand } from './fulfil-obligation.command.js';
import { FulfilObligationRequest } from './fulfil-obligation.request.dto.js';

@Controller('agreements')
export class FulfilObligationController {
  constructor(private readonly commands: CommandBus) {}

  /** A negotiation or meeting held to meet an obligation, by the parties it names. */
  @Post(':id/obligations/:obligationId/fulfilments')
  @Roles('admin', 'clerk')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Param('obligationId', ObligationIdPipe) obligationId: string,
    @Body() body: FulfilObligationRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new FulfilObligationCommand(agreementId, obligationId, body, envelopeOf(request)));
  }
}

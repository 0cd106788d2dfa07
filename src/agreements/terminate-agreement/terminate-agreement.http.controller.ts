import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { TerminateAgreementCommand } from './terminate-agreement.command.js';
import { TerminateAgreementRequest } from './terminate-agreement.request.dto.js';

@Controller('agreements')
export class TerminateAgreementController {
  constructor(private readonly commands: CommandBus) {}

  /** Nothing is in force from effectiveOn (which may lie ahead). */
  @Post(':id/termination')
  @Roles('admin')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Body() body: TerminateAgreementRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new TerminateAgreementCommand(agreementId, body, envelopeOf(request)));
  }
}

import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { AnnulDecisionCommand } from './annul-decision.command.js';
import { AnnulDecisionRequest } from './annul-decision.request.dto.js';

@Controller('agreements')
export class AnnulDecisionController {
  constructor(private readonly commands: CommandBus) {}

  /** Annuls the decision named by its eventId, from annulledOn. */
  @Post(':id/annulments')
  @Roles('admin', 'clerk')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Body() body: AnnulDecisionRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new AnnulDecisionCommand(agreementId, body, envelopeOf(request)));
  }
}

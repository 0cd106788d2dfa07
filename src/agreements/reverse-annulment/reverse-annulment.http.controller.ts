import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { EventIdPipe } from '../http/event-id.pipe.js';
import { ReverseAnnulmentCommand } from './reverse-annulment.command.js';
import { ReverseAnnulmentRequest } from './reverse-annulment.request.dto.js';

@Controller('agreements')
export class ReverseAnnulmentController {
  constructor(private readonly commands: CommandBus) {}

  /** A higher authority reversed the annulment: the decision counts again from reversedOn. */
  @Post(':id/annulments/:annulmentId/reversal')
  @Roles('admin', 'clerk')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Param('annulmentId', EventIdPipe) annulmentId: string,
    @Body() body: ReverseAnnulmentRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new ReverseAnnulmentCommand(agreementId, annulmentId, body, envelopeOf(request)));
  }
}

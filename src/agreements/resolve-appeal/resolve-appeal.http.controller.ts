import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { EventIdPipe } from '../http/event-id.pipe.js';
import { ResolveAppealCommand } from './resolve-appeal.command.js';
import { ResolveAppealRequest } from './resolve-appeal.request.dto.js';

@Controller('agreements')
export class ResolveAppealController {
  constructor(private readonly commands: CommandBus) {}

  /** The appeal is no longer pending; an 'annulled' outcome names the annulment it led to. */
  @Post(':id/appeals/:appealId/resolution')
  @Roles('admin', 'clerk')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Param('appealId', EventIdPipe) appealId: string,
    @Body() body: ResolveAppealRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new ResolveAppealCommand(agreementId, appealId, body, envelopeOf(request)));
  }
}

import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { LodgeAppealCommand } from './lodge-appeal.command.js';
import { LodgeAppealRequest } from './lodge-appeal.request.dto.js';

@Controller('agreements')
export class LodgeAppealController {
  constructor(private readonly commands: CommandBus) {}

  /** An appeal or rectification request against a decision: pending until resolved. */
  @Post(':id/appeals')
  @Roles('admin', 'clerk')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Body() body: LodgeAppealRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new LodgeAppealCommand(agreementId, body, envelopeOf(request)));
  }
}

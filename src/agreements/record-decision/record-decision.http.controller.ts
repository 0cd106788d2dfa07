import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { RecordDecisionCommand } from './record-decision.command.js';
import { RecordDecisionRequest } from './record-decision.request.dto.js';

@Controller('agreements')
export class RecordDecisionController {
  constructor(private readonly commands: CommandBus) {}

  /** A party body's decision on a version (only the competent body's counts toward force). */
  @Post(':id/decisions')
  @Roles('admin', 'clerk')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Body() body: RecordDecisionRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new RecordDecisionCommand(agreementId, body, envelopeOf(request)));
  }
}

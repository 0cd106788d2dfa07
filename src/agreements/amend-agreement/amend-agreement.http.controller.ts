import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { AmendAgreementCommand } from './amend-agreement.command.js';
import { AmendAgreementRequest } from './amend-agreement.request.dto.js';

@Controller('agreements')
export class AmendAgreementController {
  constructor(private readonly commands: CommandBus) {}

  /** Creates version basedOn + 1 from the latest version. */
  @Post(':id/amendments')
  @Roles('admin')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Body() body: AmendAgreementRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new AmendAgreementCommand(agreementId, body, envelopeOf(request)));
  }
}

import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../auth/decorators.js';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { AgreementIdPipe } from '../http/agreement-id.pipe.js';
import { SignAgreementCommand } from './sign-agreement.command.js';
import { SignAgreementRequest } from './sign-agreement.request.dto.js';

@Controller('agreements')
export class SignAgreementController {
  constructor(private readonly commands: CommandBus) {}

  /** A party's signature of a version; the same signature again is a no-op (200). */
  @Post(':id/signatures')
  @Roles('admin', 'clerk')
  @CommandEndpoint()
  handle(
    @Param('id', AgreementIdPipe) agreementId: string,
    @Body() body: SignAgreementRequest,
    @Req() request: AuthenticatedRequest,
  ): Promise<CommandResponse> {
    return this.commands.execute(new SignAgreementCommand(agreementId, body, envelopeOf(request)));
  }
}

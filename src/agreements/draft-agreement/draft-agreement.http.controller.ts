import { Body, Controller, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from '../../auth/guards/principal.guard.js';
import { Roles } from '../../auth/decorators.js';
import type { CommandEnvelope } from '../command-envelope.js';
import { CommandEndpoint, envelopeOf, type CommandResponse } from '../http/command-endpoint.js';
import { DraftAgreementCommand } from './draft-agreement.command.js';
import { DraftAgreementRequest } from './draft-agreement.request.dto.js';

@Controller('agreements')
export class DraftAgreementController {
  constructor(private readonly commands: CommandBus) {}

  /** Creates version 1. */
  @Post()
  @Roles('admin')
  @CommandEndpoint({ location: true })
  draft(@Body() body: DraftAgreementRequest, @Req() request: AuthenticatedRequest): Promise<CommandResponse> {
    const envelope = envelopeOf(request);
    return this.commands.execute(new DraftAgreementCommand(body.agreementId ?? generatedId(envelope), body, envelope));
  }
}

/** With an Idempotency-Key the id is derived from it, so a retried draft lands on the same agreement. */
function generatedId({ principal, idempotencyKey }: CommandEnvelope): string {
  const seed = idempotencyKey ? createHash('sha256').update(`${principal.id}\n${idempotencyKey}`).digest('hex') : randomUUID().replaceAll('-', '');
  return `agr-${seed.slice(0, 32)}`;
}

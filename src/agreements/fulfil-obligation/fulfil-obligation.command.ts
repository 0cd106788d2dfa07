import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { FulfilObligationRequest } from './fulfil-obligation.request.dto.js';

export class FulfilObligationCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly obligationId: string,
    readonly request: FulfilObligationRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { AmendAgreementRequest } from './amend-agreement.request.dto.js';

export class AmendAgreementCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: AmendAgreementRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { DraftAgreementRequest } from './draft-agreement.request.dto.js';

export class DraftAgreementCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: DraftAgreementRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

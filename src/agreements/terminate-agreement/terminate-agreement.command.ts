import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { TerminateAgreementRequest } from './terminate-agreement.request.dto.js';

export class TerminateAgreementCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: TerminateAgreementRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

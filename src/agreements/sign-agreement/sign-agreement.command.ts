import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { SignAgreementRequest } from './sign-agreement.request.dto.js';

export class SignAgreementCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: SignAgreementRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

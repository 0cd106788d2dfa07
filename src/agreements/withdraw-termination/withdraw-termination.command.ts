import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { WithdrawTerminationRequest } from './withdraw-termination.request.dto.js';

export class WithdrawTerminationCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: WithdrawTerminationRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

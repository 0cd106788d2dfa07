import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { AnnulDecisionRequest } from './annul-decision.request.dto.js';

export class AnnulDecisionCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: AnnulDecisionRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { RecordDecisionRequest } from './record-decision.request.dto.js';

export class RecordDecisionCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: RecordDecisionRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { LodgeAppealRequest } from './lodge-appeal.request.dto.js';

export class LodgeAppealCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly request: LodgeAppealRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

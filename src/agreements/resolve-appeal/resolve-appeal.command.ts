import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { ResolveAppealRequest } from './resolve-appeal.request.dto.js';

export class ResolveAppealCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly appealId: string,
    readonly request: ResolveAppealRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

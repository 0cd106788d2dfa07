import { Command } from '@nestjs/cqrs';
import type { CommandEnvelope, CommandResult } from '../command-envelope.js';
import type { ReverseAnnulmentRequest } from './reverse-annulment.request.dto.js';

export class ReverseAnnulmentCommand extends Command<CommandResult> {
  constructor(
    readonly agreementId: string,
    readonly annulmentId: string,
    readonly request: ReverseAnnulmentRequest,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireRecorderOf } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { RecordDecisionCommand } from './record-decision.command.js';

@CommandHandler(RecordDecisionCommand)
export class RecordDecisionHandler implements ICommandHandler<RecordDecisionCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: RecordDecisionCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireRecorderOf(agreementId, request),
      command: (now) => ({ type: 'RecordDecision', now, data: { agreementId, ...request, meeting: { ...request.meeting } } }),
      version: () => request.version,
    });
  }
}

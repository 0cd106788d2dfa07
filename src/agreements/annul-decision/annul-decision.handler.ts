import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireActingFor } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { AnnulDecisionCommand } from './annul-decision.command.js';

@CommandHandler(AnnulDecisionCommand)
export class AnnulDecisionHandler implements ICommandHandler<AnnulDecisionCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: AnnulDecisionCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireActingFor(agreementId, request.partyId),
      command: (now) => ({ type: 'AnnulDecision', now, data: { agreementId, ...request } }),
      version: () => request.version,
    });
  }
}

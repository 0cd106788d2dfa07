import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireActingForOneOf } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { FulfilObligationCommand } from './fulfil-obligation.command.js';

@CommandHandler(FulfilObligationCommand)
export class FulfilObligationHandler implements ICommandHandler<FulfilObligationCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, obligationId, request, envelope }: FulfilObligationCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireActingForOneOf(agreementId, request.parties),
      command: (now) => ({ type: 'FulfilObligation', now, data: { agreementId, obligationId, ...request, parties: [...request.parties] } }),
      version: (state) => (state.status === 'none' ? 0 : state.latestVersion),
    });
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireAdministrator } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { TerminateAgreementCommand } from './terminate-agreement.command.js';

@CommandHandler(TerminateAgreementCommand)
export class TerminateAgreementHandler implements ICommandHandler<TerminateAgreementCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: TerminateAgreementCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireAdministrator(agreementId),
      command: (now) => ({ type: 'TerminateAgreement', now, data: { agreementId, ...request } }),
      version: (state) => (state.status === 'none' ? 0 : state.latestVersion),
    });
  }
}

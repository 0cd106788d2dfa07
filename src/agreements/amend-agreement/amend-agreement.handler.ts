import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireAdministrator } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { AmendAgreementCommand } from './amend-agreement.command.js';
import { toAmendmentChange } from './amendment-changes.js';

@CommandHandler(AmendAgreementCommand)
export class AmendAgreementHandler implements ICommandHandler<AmendAgreementCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: AmendAgreementCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireAdministrator(agreementId),
      command: (now) => ({ type: 'AmendAgreement', now, data: { agreementId, basedOn: request.basedOn, summary: request.summary, changes: request.changes.map(toAmendmentChange) } }),
      version: (state) => (state.status === 'none' ? 0 : state.latestVersion),
    });
  }
}

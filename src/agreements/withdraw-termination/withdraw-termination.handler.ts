import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireAdministrator } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { WithdrawTerminationCommand } from './withdraw-termination.command.js';

@CommandHandler(WithdrawTerminationCommand)
export class WithdrawTerminationHandler implements ICommandHandler<WithdrawTerminationCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: WithdrawTerminationCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireAdministrator(agreementId),
      command: (now) => ({ type: 'WithdrawTermination', now, data: { agreementId, reason: request.reason } }),
      version: (state) => (state.status === 'none' ? 0 : state.latestVersion),
    });
  }
}

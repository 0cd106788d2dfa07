import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireActingFor } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { SignAgreementCommand } from './sign-agreement.command.js';

@CommandHandler(SignAgreementCommand)
export class SignAgreementHandler implements ICommandHandler<SignAgreementCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: SignAgreementCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireActingFor(agreementId, request.partyId),
      command: (now) => ({ type: 'SignAgreement', now, data: { agreementId, ...request, signatory: { ...request.signatory } } }),
      version: () => request.version,
    });
  }
}

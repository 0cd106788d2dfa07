import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireActingForAnnulment } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { findDecision } from '../domain/agreement-state.js';
import { ReverseAnnulmentCommand } from './reverse-annulment.command.js';

@CommandHandler(ReverseAnnulmentCommand)
export class ReverseAnnulmentHandler implements ICommandHandler<ReverseAnnulmentCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, annulmentId, request, envelope }: ReverseAnnulmentCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireActingForAnnulment(agreementId, annulmentId),
      command: (now) => ({ type: 'ReverseAnnulment', now, data: { agreementId, annulmentId, ...request } }),
      version: (state) => {
        if (state.status === 'none') return 0;
        const annulment = state.annulments.find((a) => a.annulmentId === annulmentId);
        return (annulment && findDecision(state, annulment.decisionId)?.version.number) ?? state.latestVersion;
      },
    });
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireActingForAppeal } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { findDecision } from '../domain/agreement-state.js';
import { ResolveAppealCommand } from './resolve-appeal.command.js';

@CommandHandler(ResolveAppealCommand)
export class ResolveAppealHandler implements ICommandHandler<ResolveAppealCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, appealId, request, envelope }: ResolveAppealCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireActingForAppeal(agreementId, appealId),
      command: (now) => ({ type: 'ResolveAppeal', now, data: { agreementId, appealId, ...request } }),
      version: (state) => {
        if (state.status === 'none') return 0;
        const appeal = state.appeals.find((a) => a.appealId === appealId);
        return (appeal && findDecision(state, appeal.decisionId)?.version.number) ?? state.latestVersion;
      },
    });
  }
}

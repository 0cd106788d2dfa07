import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { requireActingForDecision } from '../agreement-access.js';
import type { CommandResult } from '../command-envelope.js';
import { findDecision } from '../domain/agreement-state.js';
import { LodgeAppealCommand } from './lodge-appeal.command.js';

@CommandHandler(LodgeAppealCommand)
export class LodgeAppealHandler implements ICommandHandler<LodgeAppealCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: LodgeAppealCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: requireActingForDecision(agreementId, request.decisionId),
      command: (now) => ({ type: 'LodgeAppeal', now, data: { agreementId, ...request } }),
      version: (state) => (state.status === 'none' ? 0 : (findDecision(state, request.decisionId)?.version.number ?? state.latestVersion)),
    });
  }
}

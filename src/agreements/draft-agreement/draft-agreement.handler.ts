import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { canAdminister, canSee } from '../../auth/access-policy.js';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { scopeOf } from '../agreement-access.js';
import { ActionForbidden, AgreementIdTaken } from '../application-errors.js';
import type { CommandResult } from '../command-envelope.js';
import { DraftAgreementCommand } from './draft-agreement.command.js';

@CommandHandler(DraftAgreementCommand)
export class DraftAgreementHandler implements ICommandHandler<DraftAgreementCommand, CommandResult> {
  constructor(private readonly runner: AgreementCommandRunner) {}

  execute({ agreementId, request, envelope }: DraftAgreementCommand): Promise<CommandResult> {
    return this.runner.run({
      agreementId,
      envelope,
      authorize: (state, principal) => {
        if (!canAdminister(principal, { region: request.region })) {
          throw new ActionForbidden(`only the regional administration of ${request.region} may draft agreements there`);
        }
        // An id taken by an agreement the caller may not see is still taken; say so without showing it.
        if (state.status !== 'none' && !canSee(principal, scopeOf(state))) {
          throw new AgreementIdTaken(agreementId);
        }
      },
      command: (now) => ({
        type: 'DraftAgreement',
        now,
        data: {
          agreementId,
          title: request.title,
          region: request.region,
          kind: request.kind,
          parties: request.parties.map((p) => ({ ...p })),
          document: { ...request.document },
          annexes: request.annexes.map((a) => ({ ...a })),
          ...(request.effectiveFrom !== undefined && { effectiveFrom: request.effectiveFrom }),
          ...(request.effectiveUntil !== undefined && { effectiveUntil: request.effectiveUntil }),
          ...(request.obligations !== undefined && { obligations: request.obligations.map((o) => ({ ...o })) }),
        },
      }),
      version: () => 1,
    });
  }
}

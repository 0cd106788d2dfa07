import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { canAdminister, canSee } from '../../auth/access-policy.js';
import { AgreementCommandRunner } from '../agreement-command-runner.js';
import { scopeOf } from '../agreement-access.js';
import { AgreementStream } from '../agreement-stream.js';
import { ActionForbidden, AgreementIdTaken } from '../application-errors.js';
import type { CommandResult } from '../command-envelope.js';
import { AgreementRuleViolation } from '../domain/agreement-errors.js';
import { DraftAgreementCommand } from './draft-agreement.command.js';

@CommandHandler(DraftAgreementCommand)
export class DraftAgreementHandler implements ICommandHandler<DraftAgreementCommand, CommandResult> {
  constructor(
    private readonly runner: AgreementCommandRunner,
    private readonly stream: AgreementStream,
  ) {}

  async execute({ agreementId, request, envelope }: DraftAgreementCommand): Promise<CommandResult> {
    if (!canAdminister(envelope.principal, { region: request.region })) {
      throw new ActionForbidden(`only the regional administration of ${request.region} may draft agreements there`);
    }
    if (request.partOf !== undefined) await this.requireFramework(request.partOf, request.region);
    return this.runner.run({
      agreementId,
      envelope,
      authorize: (state, principal) => {
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
          ...(request.forceRule !== undefined && { forceRule: request.forceRule.kind === 'hub-and-spoke' ? { kind: 'hub-and-spoke', hub: request.forceRule.hub! } : { kind: 'all-parties' } }),
          ...(request.partOf !== undefined && { partOf: request.partOf }),
          ...(request.jointBodies !== undefined && { jointBodies: request.jointBodies.map(({ name, members }) => ({ name, members: [...members] })) }),
          ...(request.obligations !== undefined && { obligations: request.obligations.map((o) => ({ ...o })) }),
        },
      }),
      version: () => 1,
    });
  }

  /**
   * `partOf` names another stream, which the decider (one stream, one state) cannot see, so it is
   * checked here. Checking before the append is enough: an agreement once drafted never ceases to
   * exist, nor changes region. One refusal for "none" and "another region", so a region admin
   * learns nothing of other regions' agreements.
   */
  private async requireFramework(partOf: string, region: string): Promise<void> {
    const { state } = await this.stream.load(partOf);
    if (state.status === 'none' || state.region !== region) {
      throw new AgreementRuleViolation('part-of-unknown-agreement', `There is no agreement "${partOf}" in ${region} for this agreement to become part of.`, 'partOf');
    }
  }
}

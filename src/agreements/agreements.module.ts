import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AgreementCommandRunner } from './agreement-command-runner.js';
import { AgreementStream } from './agreement-stream.js';
import { AmendAgreementController } from './amend-agreement/amend-agreement.http.controller.js';
import { AmendAgreementHandler } from './amend-agreement/amend-agreement.handler.js';
import { AnnulDecisionController } from './annul-decision/annul-decision.http.controller.js';
import { AnnulDecisionHandler } from './annul-decision/annul-decision.handler.js';
import { DraftAgreementController } from './draft-agreement/draft-agreement.http.controller.js';
import { DraftAgreementHandler } from './draft-agreement/draft-agreement.handler.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { CommandResponseInterceptor } from './http/command-response.interceptor.js';
import { ReverseAnnulmentController } from './reverse-annulment/reverse-annulment.http.controller.js';
import { ReverseAnnulmentHandler } from './reverse-annulment/reverse-annulment.handler.js';
import { LodgeAppealController } from './lodge-appeal/lodge-appeal.http.controller.js';
import { LodgeAppealHandler } from './lodge-appeal/lodge-appeal.handler.js';
import { ResolveAppealController } from './resolve-appeal/resolve-appeal.http.controller.js';
import { ResolveAppealHandler } from './resolve-appeal/resolve-appeal.handler.js';
import { RecordDecisionController } from './record-decision/record-decision.http.controller.js';
import { RecordDecisionHandler } from './record-decision/record-decision.handler.js';
import { SignAgreementController } from './sign-agreement/sign-agreement.http.controller.js';
import { SignAgreementHandler } from './sign-agreement/sign-agreement.handler.js';
import { TerminateAgreementController } from './terminate-agreement/terminate-agreement.http.controller.js';
import { TerminateAgreementHandler } from './terminate-agreement/terminate-agreement.handler.js';
import { WithdrawTerminationController } from './withdraw-termination/withdraw-termination.http.controller.js';
import { WithdrawTerminationHandler } from './withdraw-termination/withdraw-termination.handler.js';
import { FulfilObligationController } from './fulfil-obligation/fulfil-obligation.http.controller.js';
import { FulfilObligationHandler } from './fulfil-obligation/fulfil-obligation.handler.js';

/** The command side: one slice per command, each a controller, a command and its handler. */
@Module({
  imports: [CqrsModule],
  controllers: [
    DraftAgreementController,
    AmendAgreementController,
    RecordDecisionController,
    AnnulDecisionController,
    ReverseAnnulmentController,
    LodgeAppealController,
    ResolveAppealController,
    SignAgreementController,
    TerminateAgreementController,
    WithdrawTerminationController,
    FulfilObligationController,
  ],
  providers: [
    AgreementStream,
    AgreementCommandRunner,
    IdempotencyInterceptor,
    CommandResponseInterceptor,
    DraftAgreementHandler,
    AmendAgreementHandler,
    RecordDecisionHandler,
    AnnulDecisionHandler,
    ReverseAnnulmentHandler,
    LodgeAppealHandler,
    ResolveAppealHandler,
    SignAgreementHandler,
    TerminateAgreementHandler,
    WithdrawTerminationHandler,
    FulfilObligationHandler,
  ],
  exports: [AgreementStream],
})
export class AgreementsModule {}

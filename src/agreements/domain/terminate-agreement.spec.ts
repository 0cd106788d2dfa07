import type { AgreementCommand } from './agreement-commands.js';
import { given } from './agreement-decider.spec-helper.js';
import {
  agreementTerminated,
  amendAgreement,
  annulDecision,
  decisionRecorded,
  drafted,
  recordDecision,
  signAgreement,
  terminateAgreement,
} from './agreement-samples.spec-helper.js';

describe('terminating an agreement', () => {
  it('records the termination and what supersedes the agreement', () => {
    given([drafted]).when(terminateAgreement()).then([agreementTerminated()]);
  });

  it('accepts a termination that takes effect in the future, without a successor', () => {
    const { supersededBy: _successor, ...data } = terminateAgreement({ effectiveOn: '2031-12-31' }).data;
    given([drafted])
      .when({ ...terminateAgreement(), data })
      .then([{ type: 'AgreementTerminated', data: { effectiveOn: '2031-12-31', reason: agreementTerminated().data.reason } }]);
  });

  it('refuses an agreement that does not exist', () => {
    given([]).when(terminateAgreement()).thenThrows('agreement-not-found');
  });

  it('refuses a second termination', () => {
    given([drafted, agreementTerminated()]).when(terminateAgreement()).thenThrows('agreement-terminated');
  });

  it('refuses an effective date that is not in the calendar', () => {
    given([drafted]).when(terminateAgreement({ effectiveOn: '2025-13-01' })).thenThrows('invalid-date', 'effectiveOn');
  });

  it('refuses a termination without a reason', () => {
    given([drafted]).when(terminateAgreement({ reason: ' ' })).thenThrows('text-required', 'reason');
  });

  describe('once terminated, whatever the effective date, nothing more is recorded', () => {
    const commands: [string, AgreementCommand][] = [
      ['amendment', amendAgreement()],
      ['decision', recordDecision()],
      ['annulment', annulDecision()],
      ['signature', signAgreement()],
      ['termination', terminateAgreement()],
    ];
    it.each(commands)('refuses a %s', (_name, command) => {
      given([drafted, decisionRecorded(), agreementTerminated({ effectiveOn: '2099-01-01' })]).when(command).thenThrows('agreement-terminated');
    });
  });
});

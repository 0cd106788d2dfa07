import type { AgreementCommand } from './agreement-commands.js';
import { given, withId } from './agreement-decider.spec-helper.js';
import {
  APPROVAL_ID,
  ANNULMENT_ID,
  TODAY,
  agreementSigned,
  agreementTerminated,
  amendAgreement,
  amended,
  annulDecision,
  annulmentReversed,
  decisionAnnulled,
  decisionRecorded,
  drafted,
  recordDecision,
  reverseAnnulment,
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

  it('refuses a second termination while one stands, scheduled or in effect', () => {
    given([drafted, agreementTerminated({ effectiveOn: '2025-01-01' })]).when(terminateAgreement({ effectiveOn: '2024-12-31' })).thenThrows('termination-standing');
    given([drafted, agreementTerminated({ effectiveOn: '2024-01-01' })]).when(terminateAgreement()).thenThrows('agreement-terminated');
  });

  it('refuses an effective date that is not in the calendar', () => {
    given([drafted]).when(terminateAgreement({ effectiveOn: '2025-13-01' })).thenThrows('invalid-date', 'effectiveOn');
  });

  it('refuses a termination without a reason', () => {
    given([drafted]).when(terminateAgreement({ reason: ' ' })).thenThrows('text-required', 'reason');
  });
});

describe('a termination blocks only from its effectiveOn', () => {
  // Today is 2024-06-14; the termination takes effect on 1 July 2024.
  const approval = withId(APPROVAL_ID, decisionRecorded());
  const scheduled = [drafted, approval, agreementTerminated({ effectiveOn: '2024-07-01' })];

  it('records facts dated before it: a decision, a signature, an annulment, a reversal', () => {
    given(scheduled).when(recordDecision({ decidedOn: '2024-06-10' })).then([decisionRecorded({ decidedOn: '2024-06-10' })]);
    given(scheduled).when(signAgreement({ signedOn: TODAY })).then([agreementSigned({ signedOn: TODAY })]);
    given(scheduled).when(annulDecision({ annulledOn: '2024-06-12' })).then([decisionAnnulled({ annulledOn: '2024-06-12' })]);
    given([...scheduled, withId(ANNULMENT_ID, decisionAnnulled())]).when(reverseAnnulment()).then([annulmentReversed()]);
  });

  it('records an amendment, undated, while today is before it', () => {
    given(scheduled).when(amendAgreement()).then([amended()]);
  });

  it('refuses a fact dated on or after it, naming the date at fault', () => {
    // Once in effect: dated on the effective day or later, nothing is recorded.
    const inEffect = [drafted, approval, withId(ANNULMENT_ID, decisionAnnulled({ annulledOn: '2024-05-30' })), agreementTerminated({ effectiveOn: '2024-06-01' })];
    given(inEffect).when(recordDecision({ decidedOn: '2024-06-01' })).thenThrows('agreement-terminated', 'decidedOn');
    given(inEffect).when(signAgreement({ signedOn: '2024-06-03' })).thenThrows('agreement-terminated', 'signedOn');
    given([drafted, approval, agreementTerminated({ effectiveOn: '2024-06-01' })])
      .when(annulDecision({ annulledOn: '2024-06-10' }))
      .thenThrows('agreement-terminated', 'annulledOn');
    given(inEffect).when(reverseAnnulment({ reversedOn: '2024-06-10' })).thenThrows('agreement-terminated', 'reversedOn');
  });

  it('still records a fact dated before it once it has taken effect: late recording of what happened earlier', () => {
    const inEffect = [drafted, decisionRecorded(), agreementTerminated({ effectiveOn: '2024-06-01' })];
    given(inEffect).when(recordDecision({ decidedOn: '2024-05-31' })).then([decisionRecorded({ decidedOn: '2024-05-31' })]);
    given(inEffect).when(signAgreement({ signedOn: '2024-05-28' })).then([agreementSigned({ signedOn: '2024-05-28' })]);
  });

  describe('refuses every command dated from it once today has reached it', () => {
    const approval = withId(APPROVAL_ID, decisionRecorded());
    const commands: [string, AgreementCommand][] = [
      ['amendment', amendAgreement()],
      ['decision', recordDecision({ decidedOn: TODAY })],
      ['annulment', annulDecision({ annulledOn: TODAY })],
      ['signature', signAgreement({ signedOn: TODAY })],
      ['termination', terminateAgreement()],
    ];
    it.each(commands)('refuses a %s', (_name, command) => {
      given([drafted, approval, agreementTerminated({ effectiveOn: TODAY })]).when(command).thenThrows('agreement-terminated');
    });
  });
});

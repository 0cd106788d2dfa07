import { given, replay } from './agreement-decider.spec-helper.js';
import {
  TODAY,
  TOMORROW,
  agreementTerminated,
  decisionRecorded,
  drafted,
  recordDecision,
  terminateAgreement,
  terminationWithdrawn,
  withdrawTermination,
} from './agreement-samples.spec-helper.js';

describe('withdrawing a termination', () => {
  // Today is 2024-06-14.
  const scheduled = [drafted, agreementTerminated({ effectiveOn: TOMORROW })];

  it('records the withdrawal while the termination has not taken effect', () => {
    given(scheduled).when(withdrawTermination()).then([terminationWithdrawn()]);
  });

  it('leaves the agreement open again: nothing stands, commands of any date are judged as before', () => {
    const state = replay([...scheduled, terminationWithdrawn()]);
    expect(state).toMatchObject({ status: 'active' });
    expect(state).not.toHaveProperty('termination');
    given([...scheduled, terminationWithdrawn()]).when(terminateAgreement({ effectiveOn: '2024-12-31' })).then([agreementTerminated({ effectiveOn: '2024-12-31' })]);
  });

  it('refuses a withdrawal once the termination has taken effect', () => {
    given([drafted, agreementTerminated({ effectiveOn: TODAY })]).when(withdrawTermination()).thenThrows('agreement-terminated');
    given([drafted, agreementTerminated({ effectiveOn: '2024-01-01' })]).when(withdrawTermination()).thenThrows('agreement-terminated');
  });

  it('refuses a withdrawal when no termination stands', () => {
    given([drafted]).when(withdrawTermination()).thenThrows('no-termination-standing');
    given([...scheduled, terminationWithdrawn()]).when(withdrawTermination()).thenThrows('no-termination-standing');
  });

  it('refuses a withdrawal without a reason, and an agreement that does not exist', () => {
    given(scheduled).when(withdrawTermination({ reason: ' ' })).thenThrows('text-required', 'reason');
    given([]).when(withdrawTermination()).thenThrows('agreement-not-found');
  });

  it('once withdrawn, a decision dated on the old effectiveOn is recorded again', () => {
    const withdrawn = [drafted, agreementTerminated({ effectiveOn: '2024-05-01' }), terminationWithdrawn()];
    given(withdrawn).when(recordDecision()).then([decisionRecorded()]);
  });
});

import type { TerminateAgreement, WithdrawTermination } from './agreement-commands.js';
import type { AgreementEvent } from '../../core/agreement-events.js';
import type { ExistingAgreement } from './agreement-state.js';
import { optional, refuse, requireDate, requireOpenOn, requireText } from './decide-guards.js';
import { helsinkiDate } from '../../core/helsinki-date.js';

/**
 * Terminations (DESIGN.md "Terminations"): one stands at a time; it blocks commands dated from
 * its effectiveOn, which may lie ahead, and until then it can be withdrawn.
 */

export function terminateAgreement({ data, now }: TerminateAgreement, agreement: ExistingAgreement): AgreementEvent[] {
  if (agreement.status === 'terminated') {
    requireOpenOn(agreement, helsinkiDate(now));
    // One termination stands at a time: a different date or reason means withdrawing this one first.
    throw refuse(
      'termination-standing',
      `Agreement ${agreement.agreementId} is already terminated from ${agreement.termination.effectiveOn}; withdraw that termination before recording another.`,
    );
  }
  requireDate(data.effectiveOn, 'effectiveOn'); // may be future: a termination can be agreed in advance
  requireText(data.reason, 'reason');
  const { effectiveOn, reason, supersededBy } = data;
  return [{ type: 'AgreementTerminated', data: { effectiveOn, reason, ...optional('supersededBy', supersededBy) } }];
}

/** Voids the standing termination, while today is still before its effectiveOn. */
export function withdrawTermination({ data, now }: WithdrawTermination, agreement: ExistingAgreement): AgreementEvent[] {
  if (agreement.status !== 'terminated') {
    throw refuse('no-termination-standing', `Agreement ${agreement.agreementId} has no termination standing to withdraw.`);
  }
  // Once in effect it has ended the agreement; only a new agreement can follow.
  requireOpenOn(agreement, helsinkiDate(now));
  requireText(data.reason, 'reason');
  return [{ type: 'TerminationWithdrawn', data: { reason: data.reason } }];
}

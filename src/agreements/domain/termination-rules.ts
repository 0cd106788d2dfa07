import type { TerminateAgreement } from './agreement-commands.js';
import type { AgreementEvent } from '../../core/agreement-events.js';
import type { ExistingAgreement } from './agreement-state.js';
import { optional, refuse, requireDate, requireOpenOn, requireText } from './decide-guards.js';
import { helsinkiDate } from '../../core/helsinki-date.js';

/**
 * Terminations (DESIGN.md "Terminations"): one stands at a time; it blocks commands dated from
 * its effectiveOn, which may lie ahead.
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

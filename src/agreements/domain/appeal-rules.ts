import type { LodgeAppeal, ResolveAppeal } from './agreement-commands.js';
import { AppealNotFound } from './agreement-errors.js';
import type { AgreementEvent } from '../../core/agreement-events.js';
import { findDecision, type ExistingAgreement } from './agreement-state.js';
import { optional, refuse, requirePastDate, requireText } from './decide-guards.js';

/**
 * Appeals (DESIGN.md "Finality"): an appeal or a rectification request against a decision of the
 * agreement is pending from its lodgedOn until its resolvedOn. Finality is information: appeals
 * never change what is in force; an annulment the court decides is recorded as one, and the
 * resolution names it.
 */

export function lodgeAppeal({ data, now }: LodgeAppeal, agreement: ExistingAgreement): AgreementEvent[] {
  const decision = findDecision(agreement, data.decisionId)?.decision;
  if (decision === undefined) {
    throw refuse('decision-not-found', `Agreement ${agreement.agreementId} has no decision ${data.decisionId}; name the eventId of its DecisionRecorded.`, 'decisionId');
  }
  requirePastDate(data.lodgedOn, 'lodgedOn', now);
  if (data.lodgedOn < decision.decidedOn) {
    throw refuse('appeal-before-decision', `A decision of ${decision.decidedOn} cannot be appealed on ${data.lodgedOn}, before it was made.`, 'lodgedOn');
  }
  requireText(data.authority, 'authority');
  const { decisionId, lodgedOn, authority, caseNumber } = data;
  return [{ type: 'AppealLodged', data: { decisionId, lodgedOn, authority, ...optional('caseNumber', caseNumber) } }];
}

export function resolveAppeal({ data, now }: ResolveAppeal, agreement: ExistingAgreement): AgreementEvent[] {
  const appeal = agreement.appeals.find((a) => a.appealId === data.appealId);
  if (appeal === undefined) throw new AppealNotFound(data.appealId);
  if (appeal.resolvedOn !== undefined) throw refuse('appeal-already-resolved', `Appeal ${appeal.appealId} was already resolved on ${appeal.resolvedOn}.`);
  requirePastDate(data.resolvedOn, 'resolvedOn', now);
  if (data.resolvedOn < appeal.lodgedOn) {
    throw refuse('resolution-before-appeal', `An appeal lodged on ${appeal.lodgedOn} cannot be resolved on ${data.resolvedOn}.`, 'resolvedOn');
  }
  // An 'annulled' outcome references the annulment of the appealed decision, and only it does.
  const annulment = data.annulmentId === undefined ? undefined : agreement.annulments.find((a) => a.annulmentId === data.annulmentId);
  if (data.outcome === 'annulled' ? annulment?.decisionId !== appeal.decisionId : data.annulmentId !== undefined) {
    throw refuse(
      'resolution-annulment-mismatch',
      data.outcome === 'annulled'
        ? `An 'annulled' resolution names the annulment of decision ${appeal.decisionId}, recorded first through /annulments.`
        : `Only an 'annulled' resolution names an annulment.`,
      'annulmentId',
    );
  }
  const { appealId, resolvedOn, outcome, annulmentId } = data;
  return [{ type: 'AppealResolved', data: { appealId, resolvedOn, outcome, ...optional('annulmentId', annulmentId) } }];
}

import { given } from './agreement-decider.spec-helper.js';
import {
  TODAY,
  TOMORROW,
  agreementTerminated,
  amended,
  annulDecision,
  decisionAnnulled,
  decisionRecorded,
  drafted,
  liperi,
  nurmes,
} from './agreement-samples.spec-helper.js';

describe('annulling a decision', () => {
  const approval = decisionRecorded(); // Joensuu's council, version 1, 2024-05-27

  it("annuls the party's decision of that date on that version", () => {
    given([drafted, approval]).when(annulDecision()).then([decisionAnnulled()]);
  });

  it('stores the party id hyphenated', () => {
    given([drafted, approval]).when(annulDecision({ partyId: '0242746\u20132' })).then([decisionAnnulled()]);
  });

  it('accepts an annulment on the day of the decision, and today', () => {
    given([drafted, decisionRecorded({ decidedOn: TODAY })])
      .when(annulDecision({ decidedOn: TODAY, annulledOn: TODAY }))
      .then([decisionAnnulled({ decidedOn: TODAY, annulledOn: TODAY })]);
  });

  it('when one day holds several decisions, annuls them latest first, then refuses', () => {
    const tabled = decisionRecorded({ outcome: 'tabled', meeting: { section: '§ 41' } });
    given([drafted, tabled, approval, decisionAnnulled()]).when(annulDecision()).then([decisionAnnulled()]);
    given([drafted, tabled, approval, decisionAnnulled(), decisionAnnulled()]).when(annulDecision()).thenThrows('decision-already-annulled', 'decidedOn');
  });

  it('refuses an agreement that does not exist', () => {
    given([]).when(annulDecision()).thenThrows('agreement-not-found');
  });

  it('refuses an annulment dated from the day a termination takes effect', () => {
    given([drafted, approval, agreementTerminated({ effectiveOn: '2024-05-01' })]).when(annulDecision()).thenThrows('agreement-terminated', 'annulledOn');
  });

  it('refuses a business id that fails its check digit', () => {
    given([drafted, approval]).when(annulDecision({ partyId: '0242746-3' })).thenThrows('invalid-party-id', 'partyId');
  });

  it('refuses a party the agreement does not have', () => {
    given([drafted, approval]).when(annulDecision({ partyId: nurmes.partyId })).thenThrows('unknown-party', 'partyId');
  });

  it('refuses a party of another version', () => {
    given([drafted, amended({ changes: [{ op: 'remove-party', partyId: liperi.partyId }] })])
      .when(annulDecision({ partyId: liperi.partyId, version: 2 }))
      .thenThrows('unknown-party', 'partyId');
  });

  it('refuses a version the agreement does not have', () => {
    given([drafted, approval]).when(annulDecision({ version: 2 })).thenThrows('unknown-version', 'version');
  });

  it('refuses when the party has no decision of that date on that version', () => {
    given([drafted, approval]).when(annulDecision({ decidedOn: '2024-05-28' })).thenThrows('decision-not-found', 'decidedOn');
    given([drafted, approval, amended()]).when(annulDecision({ version: 2 })).thenThrows('decision-not-found', 'decidedOn');
    given([drafted, approval]).when(annulDecision({ partyId: liperi.partyId })).thenThrows('decision-not-found', 'decidedOn');
  });

  it('refuses a decision already annulled', () => {
    given([drafted, approval, decisionAnnulled()]).when(annulDecision()).thenThrows('decision-already-annulled', 'decidedOn');
  });

  it('refuses an annulment dated before the decision', () => {
    given([drafted, approval]).when(annulDecision({ annulledOn: '2024-05-26' })).thenThrows('annulment-before-decision', 'annulledOn');
  });

  it('refuses an annulment dated in the future', () => {
    given([drafted, approval]).when(annulDecision({ annulledOn: TOMORROW })).thenThrows('date-in-future', 'annulledOn');
  });

  it('refuses dates that are not in the calendar', () => {
    given([drafted, approval]).when(annulDecision({ decidedOn: '2024-05-32' })).thenThrows('invalid-date', 'decidedOn');
    given([drafted, approval]).when(annulDecision({ annulledOn: '2024-6-10' })).thenThrows('invalid-date', 'annulledOn');
  });

  it('refuses an annulment that names no authority or no reason', () => {
    given([drafted, approval]).when(annulDecision({ authority: ' ' })).thenThrows('text-required', 'authority');
    given([drafted, approval]).when(annulDecision({ reason: '' })).thenThrows('text-required', 'reason');
  });
});

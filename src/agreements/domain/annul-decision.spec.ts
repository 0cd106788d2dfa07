import { given, withId } from './agreement-decider.spec-helper.js';
import {
  ANNULMENT_ID,
  APPROVAL_ID,
  TODAY,
  TOMORROW,
  agreementTerminated,
  amended,
  annulDecision,
  annulmentReversed,
  decisionAnnulled,
  decisionRecorded,
  drafted,
  liperi,
  reverseAnnulment,
} from './agreement-samples.spec-helper.js';

// Annulments name the decision by its eventId (DESIGN.md "Events"): when a board and a council
// meet on the same day, a party, version and date no longer tell which decision is meant.
const approval = withId(APPROVAL_ID, decisionRecorded()); // Joensuu's council, version 1, 2024-05-27
const annulment = withId(ANNULMENT_ID, decisionAnnulled());

describe('annulling a decision', () => {
  it('annuls the decision it names by id, with the case number', () => {
    given([drafted, approval]).when(annulDecision()).then([decisionAnnulled()]);
  });

  it('leaves the case number out when there is none', () => {
    const { caseNumber: _none, ...data } = decisionAnnulled().data;
    given([drafted, approval])
      .when(annulDecision({ caseNumber: undefined }))
      .then([{ type: 'DecisionAnnulled', data }]);
  });

  it('annuls exactly the decision named when the same day holds another of the same party', () => {
    const board = withId('board-proposal', decisionRecorded({ body: 'Joensuun kaupunginhallitus', outcome: 'proposed', meeting: { section: '§ 41' } }));
    given([drafted, board, approval]).when(annulDecision({ decisionId: 'board-proposal' })).then([decisionAnnulled({ decisionId: 'board-proposal' })]);
    given([drafted, board, approval, withId('a1', decisionAnnulled({ decisionId: 'board-proposal' }))])
      .when(annulDecision())
      .then([decisionAnnulled()]);
  });

  it('annuls a decision on an earlier version', () => {
    given([drafted, approval, amended()]).when(annulDecision()).then([decisionAnnulled()]);
  });

  it('accepts an annulment on the day of the decision, and today', () => {
    given([drafted, withId(APPROVAL_ID, decisionRecorded({ decidedOn: TODAY }))])
      .when(annulDecision({ annulledOn: TODAY }))
      .then([decisionAnnulled({ annulledOn: TODAY })]);
  });

  it('refuses an agreement that does not exist', () => {
    given([]).when(annulDecision()).thenThrows('agreement-not-found');
  });

  it('refuses an id that is no decision of the agreement', () => {
    given([drafted, approval]).when(annulDecision({ decisionId: 'no-such-event' })).thenThrows('decision-not-found', 'decisionId');
    // The draft is an event of the agreement, but not a decision.
    given([withId('the-draft', drafted), approval]).when(annulDecision({ decisionId: 'the-draft' })).thenThrows('decision-not-found', 'decisionId');
    given([drafted, approval, annulment]).when(annulDecision({ decisionId: ANNULMENT_ID })).thenThrows('decision-not-found', 'decisionId');
  });

  it('refuses a decision already annulled, until the annulment is reversed', () => {
    given([drafted, approval, annulment]).when(annulDecision({ annulledOn: '2024-06-11' })).thenThrows('decision-already-annulled', 'decisionId');
    given([drafted, approval, annulment, annulmentReversed()]).when(annulDecision({ annulledOn: TODAY })).then([decisionAnnulled({ annulledOn: TODAY })]);
  });

  it('refuses an annulment dated from the day a termination takes effect', () => {
    given([drafted, approval, agreementTerminated({ effectiveOn: '2024-05-01' })]).when(annulDecision()).thenThrows('agreement-terminated', 'annulledOn');
  });

  it('refuses an annulment dated before the decision', () => {
    given([drafted, approval]).when(annulDecision({ annulledOn: '2024-05-26' })).thenThrows('annulment-before-decision', 'annulledOn');
  });

  it('refuses an annulment dated in the future, or not in the calendar', () => {
    given([drafted, approval]).when(annulDecision({ annulledOn: TOMORROW })).thenThrows('date-in-future', 'annulledOn');
    given([drafted, approval]).when(annulDecision({ annulledOn: '2024-6-10' })).thenThrows('invalid-date', 'annulledOn');
  });

  it('refuses an annulment that names no authority or no reason', () => {
    given([drafted, approval]).when(annulDecision({ authority: ' ' })).thenThrows('text-required', 'authority');
    given([drafted, approval]).when(annulDecision({ reason: '' })).thenThrows('text-required', 'reason');
  });
});

describe('reversing an annulment', () => {
  it('records the reversal of the annulment it names', () => {
    given([drafted, approval, annulment]).when(reverseAnnulment()).then([annulmentReversed()]);
    given([drafted, approval, annulment])
      .when(reverseAnnulment({ caseNumber: 'KHO 2024:77' }))
      .then([annulmentReversed({ caseNumber: 'KHO 2024:77' })]);
  });

  it('accepts a reversal on the day of the annulment', () => {
    given([drafted, approval, annulment]).when(reverseAnnulment({ reversedOn: '2024-06-10' })).then([annulmentReversed({ reversedOn: '2024-06-10' })]);
  });

  it('answers an id that is no annulment of the agreement as not found', () => {
    given([drafted, approval, annulment]).when(reverseAnnulment({ annulmentId: 'no-such-event' })).thenThrows('annulment-not-found');
    given([drafted, approval, annulment]).when(reverseAnnulment({ annulmentId: APPROVAL_ID })).thenThrows('annulment-not-found');
  });

  it('refuses to reverse an annulment twice', () => {
    given([drafted, approval, annulment, annulmentReversed()]).when(reverseAnnulment()).thenThrows('annulment-already-reversed');
  });

  it('refuses a reversal dated before the annulment, in the future, or from a termination in effect', () => {
    given([drafted, approval, annulment]).when(reverseAnnulment({ reversedOn: '2024-06-09' })).thenThrows('reversal-before-annulment', 'reversedOn');
    given([drafted, approval, annulment]).when(reverseAnnulment({ reversedOn: TOMORROW })).thenThrows('date-in-future', 'reversedOn');
    given([drafted, approval, annulment, agreementTerminated({ effectiveOn: '2024-06-12' })])
      .when(reverseAnnulment())
      .thenThrows('agreement-terminated', 'reversedOn');
  });

  it('refuses a reversal that names no authority or no reason', () => {
    given([drafted, approval, annulment]).when(reverseAnnulment({ authority: '' })).thenThrows('text-required', 'authority');
    given([drafted, approval, annulment]).when(reverseAnnulment({ reason: ' ' })).thenThrows('text-required', 'reason');
  });

  it('lets a decision of a party removed later be annulled and reversed: the decision stays in the history', () => {
    const liperiApproval = withId('liperi-approval', decisionRecorded({ partyId: liperi.partyId, body: liperi.competentBody }));
    const removed = amended({ changes: [{ op: 'remove-party', partyId: liperi.partyId }] });
    given([drafted, liperiApproval, removed]).when(annulDecision({ decisionId: 'liperi-approval' })).then([decisionAnnulled({ decisionId: 'liperi-approval' })]);
  });
});

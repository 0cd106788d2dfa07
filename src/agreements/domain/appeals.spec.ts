import type { AppealResolved, AppealLodged } from '../../core/agreement-events.js';
import type { LodgeAppeal, ResolveAppeal } from './agreement-commands.js';
import { given, withId } from './agreement-decider.spec-helper.js';
import {
  AGREEMENT_ID,
  ANNULMENT_ID,
  APPROVAL_ID,
  NOW,
  TOMORROW,
  decisionAnnulled,
  decisionRecorded,
  drafted,
  recordDecision,
} from './agreement-samples.spec-helper.js';

// DESIGN.md "Finality": minutes published on a date start the appeal window; an appeal is pending
// from lodgedOn until resolvedOn; an 'annulled' resolution names the annulment it led to.

const APPEAL_ID = '0190d6a2-0000-7000-8000-0000000000a1';
const approval = withId(APPROVAL_ID, decisionRecorded()); // decided 2024-05-27
const lodged: AppealLodged = { type: 'AppealLodged', data: { decisionId: APPROVAL_ID, lodgedOn: '2024-06-03', authority: 'Itä-Suomen hallinto-oikeus', caseNumber: 'H 12/2024' } };
const appeal = withId(APPEAL_ID, lodged);
const lodge = (data: Partial<LodgeAppeal['data']> = {}): LodgeAppeal => ({ type: 'LodgeAppeal', data: { agreementId: AGREEMENT_ID, ...lodged.data, ...data }, now: NOW });
const resolution = (data: Partial<AppealResolved['data']> = {}): AppealResolved => ({ type: 'AppealResolved', data: { appealId: APPEAL_ID, resolvedOn: '2024-06-12', outcome: 'dismissed', ...data } });
const resolve = (data: Partial<ResolveAppeal['data']> = {}): ResolveAppeal => ({ type: 'ResolveAppeal', data: { agreementId: AGREEMENT_ID, ...resolution().data, ...data }, now: NOW });

describe('minutes published', () => {
  it('records the publication date with the meeting', () => {
    const meeting = { section: '§ 42', minutesPublishedOn: '2024-05-30' };
    given([drafted]).when(recordDecision({ meeting })).then([decisionRecorded({ meeting })]);
  });

  it('refuses minutes published before the meeting or in the future', () => {
    given([drafted]).when(recordDecision({ meeting: { section: '§ 42', minutesPublishedOn: '2024-05-26' } })).thenThrows('minutes-before-meeting', 'meeting.minutesPublishedOn');
    given([drafted]).when(recordDecision({ meeting: { section: '§ 42', minutesPublishedOn: TOMORROW } })).thenThrows('date-in-future', 'meeting.minutesPublishedOn');
  });
});

describe('lodging an appeal', () => {
  it('records an appeal against a decision of the agreement', () => {
    given([drafted, approval]).when(lodge()).then([lodged]);
  });

  it('refuses what is no decision of the agreement, a date before the decision or in the future, and no authority', () => {
    given([drafted, approval]).when(lodge({ decisionId: 'no-such-decision' })).thenThrows('decision-not-found', 'decisionId');
    given([drafted, approval]).when(lodge({ lodgedOn: '2024-05-26' })).thenThrows('appeal-before-decision', 'lodgedOn');
    given([drafted, approval]).when(lodge({ lodgedOn: TOMORROW })).thenThrows('date-in-future', 'lodgedOn');
    given([drafted, approval]).when(lodge({ authority: ' ' })).thenThrows('text-required', 'authority');
  });
});

describe('resolving an appeal', () => {
  it('records a dismissal or a withdrawal', () => {
    given([drafted, approval, appeal]).when(resolve()).then([resolution()]);
    given([drafted, approval, appeal]).when(resolve({ outcome: 'withdrawn' })).then([resolution({ outcome: 'withdrawn' })]);
  });

  it("records an 'annulled' outcome naming the annulment of the appealed decision", () => {
    const annulment = withId(ANNULMENT_ID, decisionAnnulled());
    given([drafted, approval, appeal, annulment]).when(resolve({ outcome: 'annulled', annulmentId: ANNULMENT_ID })).then([resolution({ outcome: 'annulled', annulmentId: ANNULMENT_ID })]);
  });

  it("refuses an 'annulled' outcome without that annulment, and an annulment with another outcome", () => {
    const other = withId('other-decision', decisionRecorded({ decidedOn: '2024-05-28' }));
    const otherAnnulled = withId('other-annulment', decisionAnnulled({ decisionId: 'other-decision' }));
    given([drafted, approval, other, appeal, otherAnnulled]).when(resolve({ outcome: 'annulled' })).thenThrows('resolution-annulment-mismatch', 'annulmentId');
    given([drafted, approval, other, appeal, otherAnnulled]).when(resolve({ outcome: 'annulled', annulmentId: 'other-annulment' })).thenThrows('resolution-annulment-mismatch', 'annulmentId');
    given([drafted, approval, appeal, withId(ANNULMENT_ID, decisionAnnulled())]).when(resolve({ annulmentId: ANNULMENT_ID })).thenThrows('resolution-annulment-mismatch', 'annulmentId');
  });

  it('answers an unknown appeal as not found, and refuses a second resolution or one before the appeal', () => {
    given([drafted, approval, appeal]).when(resolve({ appealId: APPROVAL_ID })).thenThrows('appeal-not-found');
    given([drafted, approval, appeal, resolution()]).when(resolve()).thenThrows('appeal-already-resolved');
    given([drafted, approval, appeal]).when(resolve({ resolvedOn: '2024-06-02' })).thenThrows('resolution-before-appeal', 'resolvedOn');
    given([drafted, approval, appeal]).when(resolve({ resolvedOn: TOMORROW })).thenThrows('date-in-future', 'resolvedOn');
  });
});

import { given } from './agreement-decider.spec-helper.js';
import {
  TODAY,
  TOMORROW,
  agreementTerminated,
  amended,
  decisionRecorded,
  drafted,
  liperi,
  nurmes,
  recordDecision,
} from './agreement-samples.spec-helper.js';

describe('recording a decision', () => {
  it("records the competent body's approval", () => {
    given([drafted]).when(recordDecision()).then([decisionRecorded()]);
  });

  it('records a board proposal too: history, though only the council counts', () => {
    const proposal = {
      body: 'Joensuun kaupunginhallitus',
      outcome: 'proposed',
      decidedOn: '2024-05-13',
      meeting: { section: '§ 160', diaryNumber: '626/00.04.01/2023', minutesUrl: 'https://joensuu.fi/poytakirjat/kh-2024-05-13' },
    } as const;
    given([drafted]).when(recordDecision(proposal)).then([decisionRecorded(proposal)]);
  });

  it('stores the party id hyphenated and leaves out meeting details not given', () => {
    given([drafted])
      .when(recordDecision({ partyId: '0242746\u20132', meeting: { section: '§ 42' } }))
      .then([decisionRecorded({ meeting: { section: '§ 42' } })]);
  });

  it("accepts today's date in Helsinki, though it is still yesterday in UTC", () => {
    const justAfterMidnight = new Date('2024-06-13T21:30:00Z'); // 00:30 on 14 June in Helsinki
    given([drafted])
      .when({ ...recordDecision({ decidedOn: TODAY }), now: justAfterMidnight })
      .then([decisionRecorded({ decidedOn: TODAY })]);
  });

  it('records a decision on an earlier version: late recording is allowed', () => {
    given([drafted, amended()]).when(recordDecision({ version: 1 })).then([decisionRecorded({ version: 1 })]);
  });

  it('refuses an agreement that does not exist', () => {
    given([]).when(recordDecision()).thenThrows('agreement-not-found');
  });

  it('refuses a decision dated from the day a termination takes effect, and records one dated before it', () => {
    given([drafted, agreementTerminated({ effectiveOn: '2024-05-27' })]).when(recordDecision()).thenThrows('agreement-terminated', 'decidedOn');
    given([drafted, agreementTerminated({ effectiveOn: '2030-01-01' })]).when(recordDecision()).then([decisionRecorded()]);
  });

  it('refuses a business id that fails its check digit', () => {
    given([drafted]).when(recordDecision({ partyId: '0242746-3' })).thenThrows('invalid-party-id', 'partyId');
  });

  it('refuses a party the agreement does not have', () => {
    given([drafted]).when(recordDecision({ partyId: nurmes.partyId })).thenThrows('unknown-party', 'partyId');
  });

  it('refuses a party of another version: one that joins in version 2 does not decide on version 1', () => {
    given([drafted, amended({ changes: [{ op: 'add-party', party: nurmes }] })])
      .when(recordDecision({ partyId: nurmes.partyId, version: 1 }))
      .thenThrows('unknown-party', 'partyId');
  });

  it('refuses a party that left in the version named', () => {
    given([drafted, amended({ changes: [{ op: 'remove-party', partyId: liperi.partyId }] })])
      .when(recordDecision({ partyId: liperi.partyId, version: 2 }))
      .thenThrows('unknown-party', 'partyId');
  });

  it('refuses a version the agreement does not have', () => {
    given([drafted]).when(recordDecision({ version: 2 })).thenThrows('unknown-version', 'version');
  });

  it('refuses a decision dated in the future', () => {
    given([drafted]).when(recordDecision({ decidedOn: TOMORROW })).thenThrows('date-in-future', 'decidedOn');
  });

  it('refuses a date that is not in the calendar', () => {
    given([drafted]).when(recordDecision({ decidedOn: '2023-02-29' })).thenThrows('invalid-date', 'decidedOn');
  });

  it('refuses a decision without the body that made it', () => {
    given([drafted]).when(recordDecision({ body: '' })).thenThrows('text-required', 'body');
  });

  it("records another party's decision beside the first", () => {
    given([drafted, decisionRecorded()])
      .when(recordDecision({ partyId: liperi.partyId, body: liperi.competentBody }))
      .then([decisionRecorded({ partyId: liperi.partyId, body: liperi.competentBody })]);
  });
});

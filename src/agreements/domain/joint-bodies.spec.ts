import { given, withId } from './agreement-decider.spec-helper.js';
import type { AgreementDrafted, DecisionRecorded } from '../../core/agreement-events.js';
import type { RecordDecision } from './agreement-commands.js';
import {
  APPROVAL_ID,
  TOMORROW,
  amendAgreement,
  annulDecision,
  decisionAnnulled,
  amended,
  county,
  decisionRecorded,
  draftAgreement,
  drafted,
  joensuu,
  liperi,
  nurmes,
  recordDecision,
} from './agreement-samples.spec-helper.js';

/** The regional negotiation committee of seed 001, here of the county and both municipalities. */
const COMMITTEE = 'Pohjois-Karjalan alueneuvottelukunta';
const committee = { name: COMMITTEE, members: [county.partyId, joensuu.partyId, liperi.partyId] };
const draftedWithCommittee: AgreementDrafted = { ...drafted, data: { ...drafted.data, jointBodies: [committee] } };

const noting = { outcome: 'noted', version: 1, decidedOn: '2024-01-26', meeting: { section: '§ 6', diaryNumber: '1559/00.02.13/2023' } } as const;
const committeeNoted: DecisionRecorded = { type: 'DecisionRecorded', data: { jointBody: COMMITTEE, ...noting } };
const recordCommittee = (jointBody: string, extra: Partial<RecordDecision['data']> = {}): RecordDecision => {
  const command = recordDecision({ ...noting, jointBody, ...extra });
  // recordDecision starts from a party's decision: a joint body's names no party, no body.
  const { partyId: _p, body: _b, ...data } = command.data;
  return { ...command, data: { ...data, ...extra } };
};

describe('joint bodies', () => {
  describe('in the draft', () => {
    it('records a joint body of several parties, its members by their normalised ids', () => {
      given([])
        .when(draftAgreement({ jointBodies: [{ name: COMMITTEE, members: [county.partyId, '0242746\u20132', liperi.partyId] }] }))
        .then([draftedWithCommittee]);
    });

    it('leaves jointBodies out of the event when there are none', () => {
      given([]).when(draftAgreement({ jointBodies: [] })).then([drafted]);
    });

    it('refuses a member that is not a party, or one listed twice', () => {
      given([]).when(draftAgreement({ jointBodies: [{ name: COMMITTEE, members: [county.partyId, nurmes.partyId] }] })).thenThrows('unknown-party', 'jointBodies[0].members[1]');
      given([]).when(draftAgreement({ jointBodies: [{ name: COMMITTEE, members: [county.partyId, county.partyId] }] })).thenThrows('duplicate-party', 'jointBodies[0].members[1]');
    });

    it('refuses two joint bodies of one name, compared as body names are', () => {
      given([])
        .when(draftAgreement({ jointBodies: [committee, { name: ' pohjois-karjalan  ALUENEUVOTTELUKUNTA', members: [county.partyId, liperi.partyId] }] }))
        .thenThrows('duplicate-joint-body', 'jointBodies[1].name');
    });
  });

  describe('in amendments', () => {
    it('adds a joint body, then removes it by any spelling of its name', () => {
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'add-joint-body', jointBody: committee }] }))
        .then([amended({ changes: [{ op: 'add-joint-body', jointBody: committee }] })]);
      given([draftedWithCommittee])
        .when(amendAgreement({ changes: [{ op: 'remove-joint-body', name: 'pohjois-karjalan alueneuvottelukunta ' }] }))
        .then([amended({ changes: [{ op: 'remove-joint-body', name: COMMITTEE }] })]);
    });

    it('refuses adding a joint body twice, removing one the version lacks, or a member the version lacks', () => {
      given([draftedWithCommittee]).when(amendAgreement({ changes: [{ op: 'add-joint-body', jointBody: committee }] })).thenThrows('duplicate-joint-body', 'changes[0].jointBody.name');
      given([drafted]).when(amendAgreement({ changes: [{ op: 'remove-joint-body', name: COMMITTEE }] })).thenThrows('unknown-body', 'changes[0].name');
      given([drafted])
        .when(amendAgreement({ changes: [{ op: 'add-joint-body', jointBody: { name: COMMITTEE, members: [county.partyId, nurmes.partyId] } }] }))
        .thenThrows('unknown-party', 'changes[0].jointBody.members[1]');
    });

    it('admits a party added earlier in the same amendment as a member', () => {
      const changes = [
        { op: 'add-party', party: nurmes },
        { op: 'add-joint-body', jointBody: { name: COMMITTEE, members: [county.partyId, nurmes.partyId] } },
      ] as const;
      given([drafted]).when(amendAgreement({ changes })).then([amended({ changes })]);
    });

    it("refuses removing a joint body's member until the body is removed first; then the party may leave", () => {
      given([draftedWithCommittee])
        .when(amendAgreement({ changes: [{ op: 'remove-party', partyId: liperi.partyId }] }))
        .thenThrows('member-of-joint-body', 'changes[0].partyId');
      const changes = [
        { op: 'remove-joint-body', name: COMMITTEE },
        { op: 'add-joint-body', jointBody: { name: COMMITTEE, members: [county.partyId, joensuu.partyId] } },
        { op: 'remove-party', partyId: liperi.partyId },
      ] as const;
      given([draftedWithCommittee]).when(amendAgreement({ changes })).then([amended({ changes })]);
    });
  });

  describe("recording a joint body's decision", () => {
    it('records it under the joint body, named as the version lists it, with no party', () => {
      given([draftedWithCommittee]).when(recordCommittee(COMMITTEE)).then([committeeNoted]);
      given([draftedWithCommittee]).when(recordCommittee('POHJOIS-KARJALAN  alueneuvottelukunta')).then([committeeNoted]);
    });

    it('records its approval of the final text too: history, never counting (projections)', () => {
      const approval = { ...noting, outcome: 'approved', decidedOn: '2024-03-22' } as const;
      given([draftedWithCommittee, committeeNoted])
        .when(recordCommittee(COMMITTEE, { outcome: 'approved', decidedOn: '2024-03-22' }))
        .then([{ type: 'DecisionRecorded', data: { jointBody: COMMITTEE, ...approval } }]);
    });

    it('refuses a joint body the version does not list: unknown-body', () => {
      given([drafted]).when(recordCommittee(COMMITTEE)).thenThrows('unknown-body', 'jointBody');
      given([draftedWithCommittee, amended({ changes: [{ op: 'remove-joint-body', name: COMMITTEE }] })])
        .when(recordCommittee(COMMITTEE, { version: 2 }))
        .thenThrows('unknown-body', 'jointBody');
    });

    it('refuses a decision naming both a party and a joint body, or neither', () => {
      given([draftedWithCommittee]).when(recordDecision({ jointBody: COMMITTEE })).thenThrows('party-or-joint-body', 'jointBody');
      given([draftedWithCommittee]).when(recordCommittee(COMMITTEE, { body: joensuu.competentBody })).thenThrows('party-or-joint-body', 'jointBody');
      given([draftedWithCommittee]).when(recordCommittee(COMMITTEE, { jointBody: undefined })).thenThrows('party-or-joint-body', 'partyId');
      given([draftedWithCommittee]).when(recordDecision({ body: undefined })).thenThrows('text-required', 'body');
    });

    it('refuses a date in the future, as for any decision', () => {
      given([draftedWithCommittee]).when(recordCommittee(COMMITTEE, { decidedOn: TOMORROW })).thenThrows('date-in-future', 'decidedOn');
    });

    it("annuls a joint body's decision as any other: it is history, and so is its annulment", () => {
      given([draftedWithCommittee, withId(APPROVAL_ID, committeeNoted)])
        .when(annulDecision({ decisionId: APPROVAL_ID, annulledOn: '2024-02-01' }))
        .then([decisionAnnulled({ decisionId: APPROVAL_ID, annulledOn: '2024-02-01' })]);
    });

    it("keeps a party's decision as it was", () => {
      given([draftedWithCommittee]).when(recordDecision()).then([decisionRecorded()]);
    });
  });
});

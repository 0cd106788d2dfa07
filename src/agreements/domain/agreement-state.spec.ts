import { replay, withId } from './agreement-decider.spec-helper.js';
import { findDecision, initialState, standingAnnulment, type AgreementState, type AgreementVersion } from './agreement-state.js';
import {
  AGREEMENT_ID,
  ANNULMENT_ID,
  APPROVAL_ID,
  annulmentReversed,
  agreementSigned,
  agreementTerminated,
  amended,
  county,
  decisionAnnulled,
  decisionRecorded,
  drafted,
  joensuu,
  liperi,
  nurmes,
  sha,
} from './agreement-samples.spec-helper.js';

function version(state: AgreementState, number: number): AgreementVersion {
  if (state.status === 'none') throw new Error('no agreement');
  const found = state.versions.find((v) => v.number === number);
  if (found === undefined) throw new Error(`no version ${number}`);
  return found;
}

describe('agreement state (evolve)', () => {
  it('knows no agreement before the draft', () => {
    expect(initialState()).toEqual({ status: 'none' });
  });

  it('holds version 1 after the draft', () => {
    const state = replay([drafted]);
    expect(state).toMatchObject({ status: 'active', agreementId: AGREEMENT_ID, region: 'Pohjois-Karjala', latestVersion: 1 });
    expect(version(state, 1)).toEqual({
      number: 1,
      parties: [county, joensuu, liperi],
      document: drafted.data.document,
      annexes: drafted.data.annexes,
      effectiveFrom: null,
      effectiveUntil: null,
      jointBodies: [],
      obligations: [],
      decisions: [],
      signatures: [],
    });
  });

  it('builds each amended version from the one it is based on, leaving that one as it was', () => {
    const state = replay([
      drafted,
      amended({
        changes: [
          { op: 'add-party', party: nurmes },
          { op: 'remove-party', partyId: liperi.partyId },
          { op: 'remove-annex', annexId: 'A' },
          { op: 'add-annex', annexId: 'C', title: 'Liite C', sha256: sha('f'), publicity: 'public' },
          { op: 'revise-document', sha256: sha('e') },
        ],
      }),
    ]);
    expect(state).toMatchObject({ latestVersion: 2 });
    expect(version(state, 2)).toMatchObject({
      parties: [county, joensuu, nurmes],
      document: { title: drafted.data.document.title, sha256: sha('e') },
    });
    expect(version(state, 2).annexes.map((annex) => annex.annexId)).toEqual(['B', 'C']);
    expect(version(state, 1).parties).toEqual([county, joensuu, liperi]);
  });

  it('keeps decisions and signatures on the version they name', () => {
    const state = replay([drafted, amended(), decisionRecorded({ version: 2 }), agreementSigned({ version: 1 })]);
    expect(version(state, 1).decisions).toEqual([]);
    expect(version(state, 2).decisions).toEqual([
      { decisionId: 'event-2', partyId: joensuu.partyId, body: joensuu.competentBody, outcome: 'approved', decidedOn: '2024-05-27' },
    ]);
    const { version: _v, ...signature } = agreementSigned().data;
    expect(version(state, 1).signatures).toEqual([signature]);
  });

  it('knows each decision by its event id, and the annulment standing against it until reversed', () => {
    const tabled = decisionRecorded({ outcome: 'tabled' });
    const approved = withId(APPROVAL_ID, decisionRecorded({ outcome: 'approved' }));
    const annulled = replay([drafted, tabled, approved, withId(ANNULMENT_ID, decisionAnnulled())]);
    if (annulled.status === 'none') throw new Error('no agreement');
    expect(findDecision(annulled, APPROVAL_ID)?.decision).toMatchObject({ outcome: 'approved', decidedOn: '2024-05-27' });
    expect(findDecision(annulled, 'event-1')?.decision.outcome).toBe('tabled');
    expect(standingAnnulment(annulled, APPROVAL_ID)).toEqual({ annulmentId: ANNULMENT_ID, decisionId: APPROVAL_ID, annulledOn: '2024-06-10' });
    expect(standingAnnulment(annulled, 'event-1')).toBeUndefined();
    const reversed = replay([drafted, tabled, approved, withId(ANNULMENT_ID, decisionAnnulled()), annulmentReversed()]);
    if (reversed.status === 'none') throw new Error('no agreement');
    expect(standingAnnulment(reversed, APPROVAL_ID)).toBeUndefined();
    expect(reversed.annulments).toEqual([{ annulmentId: ANNULMENT_ID, decisionId: APPROVAL_ID, annulledOn: '2024-06-10', reversedOn: '2024-06-13' }]);
  });

  it('is terminated once a termination is recorded, keeping its versions', () => {
    const state = replay([drafted, agreementTerminated({ effectiveOn: '2099-01-01' })]);
    expect(state).toMatchObject({ status: 'terminated', termination: agreementTerminated({ effectiveOn: '2099-01-01' }).data, latestVersion: 1 });
  });

  it('ignores facts about an agreement it does not know', () => {
    expect(replay([decisionRecorded(), amended(), agreementTerminated()])).toEqual({ status: 'none' });
  });
});

import type { AgreementEvent } from '../../core/agreement-events.js';
import { evolve, initialState, type AgreementState, type AgreementVersion } from './agreement-state.js';
import {
  AGREEMENT_ID,
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

const replay = (events: readonly AgreementEvent[]): AgreementState => events.reduce(evolve, initialState());

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
      { partyId: joensuu.partyId, body: joensuu.competentBody, outcome: 'approved', decidedOn: '2024-05-27' },
    ]);
    const { version: _v, ...signature } = agreementSigned().data;
    expect(version(state, 1).signatures).toEqual([signature]);
  });

  it('annuls the latest not-yet-annulled decision of that party and date', () => {
    const tabled = decisionRecorded({ outcome: 'tabled' });
    const approved = decisionRecorded({ outcome: 'approved' });
    const other = decisionRecorded({ partyId: liperi.partyId, body: liperi.competentBody });
    const once = replay([drafted, tabled, approved, other, decisionAnnulled()]);
    expect(version(once, 1).decisions.map((d) => [d.outcome, d.partyId, d.annulledOn])).toEqual([
      ['tabled', joensuu.partyId, undefined],
      ['approved', joensuu.partyId, '2024-06-10'],
      ['approved', liperi.partyId, undefined],
    ]);
    const twice = evolve(once, decisionAnnulled({ annulledOn: '2024-06-11' }));
    expect(version(twice, 1).decisions[0]?.annulledOn).toBe('2024-06-11');
  });

  it('is terminated once a termination is recorded, keeping its versions', () => {
    const state = replay([drafted, agreementTerminated({ effectiveOn: '2099-01-01' })]);
    expect(state).toMatchObject({ status: 'terminated', termination: agreementTerminated({ effectiveOn: '2099-01-01' }).data, latestVersion: 1 });
  });

  it('ignores facts about an agreement it does not know', () => {
    expect(replay([decisionRecorded(), amended(), agreementTerminated()])).toEqual({ status: 'none' });
  });
});

import { AgreementRuleViolation } from './agreement-errors.js';
import { given, replay } from './agreement-decider.spec-helper.js';
import { decide } from './decide.js';
import {
  amendAgreement,
  amended,
  county,
  decisionRecorded,
  draftAgreement,
  drafted,
  joensuu,
  liperi,
  recordDecision,
} from './agreement-samples.spec-helper.js';

// DESIGN.md "Party": a party lists its competent body (with other official names of it) and the
// other bodies whose decisions are recorded; names compare trimmed, whitespace collapsed, case
// folded; a decision naming a body the party does not list is refused.

const bilingual = { ...liperi, bodyAliases: ['Liperi kommunfullmäktige'], otherBodies: ['Liperin kunnanhallitus'] };
const withBilingual = { ...drafted, data: { ...drafted.data, parties: [county, joensuu, bilingual] } };

describe("a party's bodies in the draft", () => {
  it("takes a council as the competent body's kind when the draft leaves it out", () => {
    const { competentBodyKind: _kind, ...asRequested } = liperi;
    given([]).when(draftAgreement({ parties: [county, joensuu, asRequested] })).then([drafted]);
  });

  it('keeps aliases, other bodies and a board as the competent body, leaving out empty lists', () => {
    const board = { ...liperi, competentBody: 'Liperin kunnanhallitus', competentBodyKind: 'board' as const };
    given([]).when(draftAgreement({ parties: [county, joensuu, { ...board, bodyAliases: [], otherBodies: [] }] })).then([
      { ...drafted, data: { ...drafted.data, parties: [county, joensuu, board] } },
    ]);
    given([]).when(draftAgreement({ parties: [county, joensuu, bilingual] })).then([withBilingual]);
  });

  it('refuses a body listed twice, in any spelling', () => {
    given([])
      .when(draftAgreement({ parties: [county, joensuu, { ...liperi, otherBodies: ['liperin  KUNNANVALTUUSTO'] }] }))
      .thenThrows('body-listed-twice', 'parties[2]');
    given([])
      .when(draftAgreement({ parties: [county, joensuu, { ...liperi, bodyAliases: ['Liperi kommunfullmäktige'], otherBodies: ['Liperi kommunfullmäktige'] }] }))
      .thenThrows('body-listed-twice', 'parties[2]');
  });
});

describe('a decision names a body the party lists', () => {
  it('records decisions by the competent body under any of its names, and by the other bodies', () => {
    for (const body of ['Liperin kunnanvaltuusto', 'Liperi kommunfullmäktige', 'Liperin kunnanhallitus', 'LIPERIN kunnanvaltuusto']) {
      const decision = { partyId: liperi.partyId, body };
      given([withBilingual]).when(recordDecision(decision)).then([decisionRecorded(decision)]);
    }
  });

  it('refuses an unknown body, naming the bodies it knows', () => {
    given([withBilingual]).when(recordDecision({ partyId: liperi.partyId, body: 'Liperin sivistyslautakunta' })).thenThrows('unknown-body', 'body');
    const refusal = (() => {
      try {
        decide(recordDecision({ partyId: liperi.partyId, body: 'Liperin sivistyslautakunta' }), replay([withBilingual]));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(AgreementRuleViolation);
    expect((refusal as AgreementRuleViolation).extensions).toEqual({
      knownBodies: ['Liperin kunnanvaltuusto', 'Liperi kommunfullmäktige', 'Liperin kunnanhallitus'],
    });
  });

  it("refuses a board the party does not list: the county's regional board is not Joensuu's", () => {
    given([drafted]).when(recordDecision({ body: 'Pohjois-Karjalan aluehallitus' })).thenThrows('unknown-body', 'body');
  });

  it("judges the body by the party's entry in the version decided on", () => {
    const revised = amended({ changes: [{ op: 'revise-party', partyId: liperi.partyId, otherBodies: ['Liperin kunnanhallitus'] }] });
    const board = { partyId: liperi.partyId, body: 'Liperin kunnanhallitus', outcome: 'proposed' as const };
    given([drafted, revised]).when(recordDecision({ ...board, version: 2 })).then([decisionRecorded({ ...board, version: 2 })]);
    given([drafted, revised]).when(recordDecision({ ...board, version: 1 })).thenThrows('unknown-body', 'body');
  });
});

describe('revise-party: a party changes its bodies (and name) without leaving the agreement', () => {
  it('records the fields given', () => {
    const change = { op: 'revise-party', partyId: liperi.partyId, name: 'Liperin kunta (Liperi kommun)', bodyAliases: ['Liperi kommunfullmäktige'], competentBodyKind: 'council' } as const;
    given([drafted]).when(amendAgreement({ changes: [change] })).then([amended({ changes: [change] })]);
  });

  it('accepts an en dash in the party id and stores it hyphenated', () => {
    given([drafted])
      .when(amendAgreement({ changes: [{ op: 'revise-party', partyId: '0169583\u20136', otherBodies: [] }] }))
      .then([amended({ changes: [{ op: 'revise-party', partyId: liperi.partyId, otherBodies: [] }] })]);
  });

  it('refuses a party the version does not have, a change naming nothing, and bodies listed twice', () => {
    given([drafted]).when(amendAgreement({ changes: [{ op: 'revise-party', partyId: '0207669-0', otherBodies: [] }] })).thenThrows('unknown-party', 'changes[0].partyId');
    given([drafted]).when(amendAgreement({ changes: [{ op: 'revise-party', partyId: liperi.partyId }] })).thenThrows('amendment-without-changes', 'changes[0]');
    given([drafted])
      .when(amendAgreement({ changes: [{ op: 'revise-party', partyId: liperi.partyId, otherBodies: ['Liperin kunnanvaltuusto'] }] }))
      .thenThrows('body-listed-twice', 'changes[0]');
  });

  it('gives the next version the revised party; the earlier version keeps its own', () => {
    const state = replay([drafted, amended({ changes: [{ op: 'revise-party', partyId: liperi.partyId, competentBody: 'Liperin kunnanhallitus', competentBodyKind: 'board' }] })]);
    if (state.status === 'none') throw new Error('no agreement');
    expect(state.versions[1]?.parties[2]).toEqual({ ...liperi, competentBody: 'Liperin kunnanhallitus', competentBodyKind: 'board' });
    expect(state.versions[0]?.parties[2]).toEqual(liperi);
    const cleared = replay([withBilingual, amended({ changes: [{ op: 'revise-party', partyId: liperi.partyId, bodyAliases: [], otherBodies: [] }] })]);
    if (cleared.status === 'none') throw new Error('no agreement');
    expect(cleared.versions[1]?.parties[2]).toEqual(liperi);
  });
});

import { amended, county, decided, drafted, kotka, signedBy } from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// DESIGN.md "What counts": a decision counts when its body is the party's competent body by any
// of its names (competentBody, bodyAliases), compared trimmed, whitespace collapsed, case folded.

const bilingualKotka = { ...kotka, bodyAliases: ['Kotka stadsfullmäktige'] };
const signedByBoth = [signedBy(county, '2024-02-20'), signedBy(kotka, '2024-02-20')];

describe("a party's competent body, by any of its names", () => {
  it("counts the council's decision under its Swedish name, and under another spelling", () => {
    for (const body of ['Kotka stadsfullmäktige', 'kotkan KAUPUNGINVALTUUSTO']) {
      const agreement = given(drafted({ parties: [county, bilingualKotka] }), decided(county, 'approved', '2024-02-05'), decided(kotka, 'approved', '2024-02-06', { body }), ...signedByBoth);
      expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-02-20' });
      expect(agreement.versionsOn('2024-03-01')?.[0].decisions[1]).toMatchObject({ body, counts: true });
    }
  });

  it("never counts the board's decision, however substantive", () => {
    const agreement = given(drafted(), decided(county, 'approved', '2024-02-05'), decided(kotka, 'approved', '2024-02-06', { body: 'Kotkan kaupunginhallitus' }), ...signedByBoth);
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: false, pending: [{ approval: 'approved' }, { approval: 'missing' }] });
    expect(agreement.versionsOn('2024-03-01')?.[0].decisions[1]).toMatchObject({ counts: false });
  });

  it('judges each version by its own party entry: after revise-party the board is the competent body of version 2 only', () => {
    const boardDecides = amended(2, [{ op: 'revise-party', partyId: kotka.partyId, competentBody: 'Kotkan kaupunginhallitus', competentBodyKind: 'board', otherBodies: [] }]);
    const agreement = given(
      drafted(),
      boardDecides,
      decided(county, 'approved', '2024-02-05', { version: 2 }),
      decided(kotka, 'approved', '2024-02-06', { version: 2, body: 'Kotkan kaupunginhallitus' }),
      decided(county, 'approved', '2024-02-05'),
      decided(kotka, 'approved', '2024-02-06', { body: 'Kotkan kaupunginhallitus' }),
      signedBy(county, '2024-02-20', { version: 2 }),
      signedBy(kotka, '2024-02-20', { version: 2 }),
      ...signedByBoth,
    );
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForceVersion: 2 });
    const [version1, version2] = agreement.versionsOn('2024-03-01') ?? [];
    expect(version1?.decisions.map((d) => d.counts)).toEqual([true, false]);
    expect(version2?.decisions.map((d) => d.counts)).toEqual([true, true]);
    expect(version2?.parties[1]).toMatchObject({ competentBody: 'Kotkan kaupunginhallitus', competentBodyKind: 'board' });
    expect(version2?.parties[1]).not.toHaveProperty('otherBodies');
  });
});

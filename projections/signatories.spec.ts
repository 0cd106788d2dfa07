import type { AgreementSigned } from '../src/core/agreement-events.js';
import { approvedAndSignedByBoth, county, decided, drafted, kotka, recordedAt, signedBy } from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// A party signs with one or more signatories (DESIGN.md `signed(p, v, t)`); it counts as signed
// from its earliest. Every answer is also checked against a double replay and the rules from scratch.

const mayor = { name: 'Esa Sirviö', title: 'kaupunginjohtaja' };
const chair = { name: 'Hanna Kotkanen', title: 'kaupunginhallituksen puheenjohtaja' };

function signedAs(signatory: AgreementSigned['data']['signatory'], signedOn: string, method: AgreementSigned['data']['method'] = 'electronic'): AgreementSigned {
  const { data } = signedBy(kotka, signedOn);
  return { type: 'AgreementSigned', data: { ...data, signatory, method } };
}

describe('several signatories of one party', () => {
  const agreement = given(
    drafted(),
    decided(county, 'approved', '2024-02-05'),
    decided(kotka, 'approved', '2024-02-12'),
    signedBy(county, '2024-02-14'),
    signedAs(chair, '2024-02-22', 'handwritten'),
    signedAs(mayor, '2024-02-20'),
  );

  it('the party counts as signed from its earliest signatory, whoever signed first', () => {
    expect(agreement.statusOn('2024-02-19')).toMatchObject({ inForce: false, pending: [{ signature: 'signed' }, { signature: 'missing', signatories: [] }] });
    expect(agreement.statusOn('2024-02-20')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-02-20' });
  });

  it("status lists the party's signatories who had signed by asOf, earliest first", () => {
    expect(agreement.statusOn('2024-02-21')?.pending[1]?.signatories).toEqual([{ ...mayor, signedOn: '2024-02-20', method: 'electronic' }]);
    expect(agreement.statusOn('2024-03-01')?.pending[1]?.signatories).toEqual([
      { ...mayor, signedOn: '2024-02-20', method: 'electronic' },
      { ...chair, signedOn: '2024-02-22', method: 'handwritten' },
    ]);
    expect(agreement.statusOn('2024-03-01')?.pending[0]?.signatories).toEqual([{ name: 'Maija Meikäläinen', title: 'johtaja', signedOn: '2024-02-14', method: 'electronic' }]);
  });

  it('the version lists every signatory, also one who signs after asOf', () => {
    expect(agreement.versionsOn('2024-02-21')?.[0]?.signatures.map((s) => [s.partyId, s.signatory.name, s.signedOn])).toEqual([
      [county.partyId, 'Maija Meikäläinen', '2024-02-14'],
      [kotka.partyId, chair.name, '2024-02-22'],
      [kotka.partyId, mayor.name, '2024-02-20'],
    ]);
  });

  it('a second signatory recorded late: known only from then on, and it moves no date of force', () => {
    const late = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      recordedAt('2024-12-10T10:00:00.000Z', signedAs(chair, '2024-02-19')),
    );
    const before = { recordedAt: '2024-12-09T00:00:00.000Z' };
    expect(late.statusOn('2024-03-01', before)?.pending[1]?.signatories.map((s) => s.name)).toEqual(['Maija Meikäläinen']);
    expect(late.statusOn('2024-03-01')?.pending[1]?.signatories.map((s) => s.name)).toEqual([chair.name, 'Maija Meikäläinen']);
    // Kotka now counts as signed from the 19th, but the county signed only on the 20th.
    expect(late.statusOn('2024-03-01')).toMatchObject({ inForceSince: '2024-02-20' });
    expect(late.versionsOn('2024-03-01', before)?.[0]?.signatures).toHaveLength(2);
  });
});

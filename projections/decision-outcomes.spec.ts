import {
  amended,
  annexBRevised,
  annulled,
  approvalId,
  approvedAndSignedByBoth,
  county,
  decided,
  drafted,
  kotka,
  recordedAt,
  signedBy,
} from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// What a decision changes (DESIGN.md "What counts"): only substantive outcomes of the competent
// body. Every answer is also checked against a double replay and the rules from scratch.

describe('decisions that do not approve', () => {
  it('a rejection followed by a new approval: rejected until the approval, in force from it', () => {
    const agreement = given(
      drafted(),
      decided(county, 'approved', '2024-02-05'),
      decided(kotka, 'rejected', '2024-02-12'),
      signedBy(county, '2024-02-20'),
      signedBy(kotka, '2024-02-20'),
      decided(kotka, 'approved', '2024-03-10'),
    );
    expect(agreement.statusOn('2024-03-01')).toMatchObject({
      inForce: false,
      latestVersionState: 'rejected',
      pending: [{ approval: 'approved' }, { approval: 'rejected' }],
    });
    expect(agreement.statusOn('2024-03-10')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-03-10', latestVersionState: 'in-force' });
    const counts = (asOf: string) => agreement.versionsOn(asOf)?.[0].decisions.map(({ outcome, counts }) => [outcome, counts]);
    expect(counts('2024-03-01')).toEqual([['approved', true], ['rejected', true], ['approved', false]]);
    expect(counts('2024-03-10')).toEqual([['approved', true], ['rejected', false], ['approved', true]]);
  });

  it('on the same day the decision recorded later decides', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      decided(kotka, 'rejected', '2024-02-05'),
    );
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: false, latestVersionState: 'rejected' });
  });

  it('approved-amended approves nothing until the change is a new version', () => {
    const agreement = given(
      drafted(),
      decided(county, 'approved', '2024-02-05'),
      decided(kotka, 'approved-amended', '2024-02-12'),
      signedBy(county, '2024-02-20'),
      signedBy(kotka, '2024-02-20'),
      amended(2, [annexBRevised], 'Kotkan valtuuston muutos liitteeseen B'),
      approvedAndSignedByBoth(2, '2024-04-01', '2024-04-05'),
    );
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: false, latestVersion: 2 });
    expect(agreement.versionsOn('2024-03-01')?.[0]).toMatchObject({ state: 'pending', inForce: [] });
    expect(agreement.statusOn('2024-04-05')).toMatchObject({ inForceVersion: 2, inForceSince: '2024-04-05' });
  });

  it('an approval by a body that is not the competent one does not count', () => {
    const board = 'Kotkan kaupunginhallitus';
    const agreement = given(
      drafted(),
      decided(county, 'approved', '2024-02-05'),
      decided(kotka, 'approved', '2024-02-12', { body: board }),
      signedBy(county, '2024-02-20'),
      signedBy(kotka, '2024-02-20'),
    );
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: false, pending: [{ approval: 'approved' }, { approval: 'missing' }] });
    expect(agreement.versionsOn('2024-03-01')?.[0].decisions[1]).toMatchObject({ body: board, counts: false });
  });

  it("a competent body's later rejection ends force ('revoked'), and so does an approval with changes", () => {
    for (const outcome of ['rejected', 'approved-amended'] as const) {
      const agreement = given(drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'), decided(kotka, outcome, '2024-06-03'));
      const approval = outcome === 'rejected' ? 'rejected' : 'missing';
      expect(agreement.statusOn('2024-06-02')).toMatchObject({ inForceVersion: 1, pending: [{ approval: 'approved' }, { approval: 'approved' }] });
      expect(agreement.statusOn('2024-06-03')).toMatchObject({ inForce: false, pending: [{ approval: 'approved' }, { approval }] });
      expect(agreement.versionsOn('2024-06-03')?.[0].inForce).toEqual([{ from: '2024-02-20', to: '2024-06-03', endedBy: 'revoked' }]);
    }
  });
});

describe('procedural decisions change nothing', () => {
  const procedural = ['noted', 'proposed', 'tabled', 'returned'] as const;

  it.each(procedural)("a later '%s' by the competent body leaves the approval and force as they were", (outcome) => {
    const agreement = given(drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'), decided(kotka, outcome, '2024-06-03'));
    expect(agreement.statusOn('2024-06-03')).toMatchObject({
      inForceVersion: 1,
      inForceSince: '2024-02-20',
      latestVersionState: 'in-force',
      pending: [{ approval: 'approved' }, { approval: 'approved' }],
    });
    const [version1] = agreement.versionsOn('2024-06-03') ?? [];
    expect(version1.inForce).toEqual([{ from: '2024-02-20', to: null, endedBy: null }]);
    // Recorded and shown, never counting: Kotka's approval still decides.
    expect(version1.decisions.map(({ outcome: shown, counts }) => [shown, counts])).toEqual([['approved', true], ['approved', true], [outcome, false]]);
  });

  it('before a first approval they approve nothing: the party is still missing', () => {
    const agreement = given(
      drafted(),
      decided(county, 'approved', '2024-02-05'),
      decided(kotka, 'proposed', '2024-02-06', { body: 'Kotkan kaupunginhallitus' }),
      decided(kotka, 'tabled', '2024-02-12'),
      signedBy(county, '2024-02-20'),
      signedBy(kotka, '2024-02-20'),
      decided(kotka, 'approved', '2024-03-04'),
    );
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: false, pending: [{ approval: 'approved' }, { approval: 'missing' }] });
    expect(agreement.statusOn('2024-03-04')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-03-04' });
  });

  it('after an annulment the party stays annulled; a noted does not make it missing', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      annulled(approvalId(kotka, 1), '2024-05-02'),
      decided(kotka, 'noted', '2024-05-20'),
    );
    expect(agreement.statusOn('2024-06-01')).toMatchObject({ inForce: false, pending: [{ approval: 'approved' }, { approval: 'annulled' }] });
    expect(agreement.versionsOn('2024-06-01')?.[0].inForce).toEqual([{ from: '2024-02-20', to: '2024-05-02', endedBy: 'annulled' }]);
  });

  it('a procedural decision recorded late changes no answer, as known before or after it', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      recordedAt('2025-01-10T10:00:00.000Z', decided(kotka, 'returned', '2024-06-03')),
    );
    const before = { recordedAt: '2025-01-01T00:00:00.000Z' };
    for (const asOf of ['2024-06-02', '2024-06-03', '2024-12-31']) {
      const { knownAt: _k, knownAtRevision: _r, ...known } = agreement.statusOn(asOf, before)!;
      const { knownAt: _k2, knownAtRevision: _r2, ...now } = agreement.statusOn(asOf)!;
      expect(now).toEqual(known);
      expect(now).toMatchObject({ inForceVersion: 1 });
    }
  });
});


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

// Every answer below is also checked against a double replay of the events and against the rules
// evaluated from scratch (testing/given.ts).

describe('entering into force', () => {
  const agreement = given(
    drafted(),
    decided(county, 'approved', '2024-02-05'),
    decided(kotka, 'approved', '2024-02-12'),
    signedBy(county, '2024-02-20'),
    signedBy(kotka, '2024-02-22'),
  );

  it('is pending until every party of the version has approved and signed', () => {
    expect(agreement.statusOn('2024-02-21')).toMatchObject({
      inForce: false,
      inForceVersion: null,
      inForceSince: null,
      latestVersion: 1,
      latestVersionState: 'pending',
      pending: [
        { partyId: county.partyId, name: county.name, approval: 'approved', signature: 'signed' },
        { partyId: kotka.partyId, name: kotka.name, approval: 'approved', signature: 'missing' },
      ],
    });
  });

  it('is in force from the last of the approval and signature dates', () => {
    expect(agreement.statusOn('2024-02-22')).toMatchObject({ inForce: true, inForceVersion: 1, inForceSince: '2024-02-22' });
    expect(agreement.versionsOn('2024-03-01')?.[0]).toMatchObject({
      state: 'in-force',
      inForce: [{ from: '2024-02-22', to: null, endedBy: null }],
    });
  });

  it('waits for a future effectiveFrom even when everyone approved and signed', () => {
    const later = given(drafted({ effectiveFrom: '2024-04-01' }), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));
    expect(later.statusOn('2024-03-31')).toMatchObject({ inForce: false, latestVersionState: 'pending' });
    expect(later.statusOn('2024-04-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-04-01' });
  });
});

describe('late recording', () => {
  // Kotka's council approved on 12 February; the clerk recorded it only in March 2025.
  const agreement = given(
    drafted(),
    decided(county, 'approved', '2024-02-05'),
    signedBy(county, '2024-02-20'),
    signedBy(kotka, '2024-02-22'),
    recordedAt('2025-03-03T10:00:00.000Z', decided(kotka, 'approved', '2024-02-12')),
  );
  const before = { recordedAt: '2025-03-01T00:00:00.000Z' };

  it('does not rewrite what the ledger knew before it', () => {
    expect(agreement.statusOn('2024-06-01', before)).toMatchObject({
      inForce: false,
      knownAt: before.recordedAt,
      knownAtRevision: 3,
      pending: [{ approval: 'approved' }, { approval: 'missing', signature: 'signed' }],
    });
    expect(agreement.statusOn('2024-06-01', { revision: 3 })).toMatchObject({ inForce: false });
  });

  it('changes what was in force back then, as known now', () => {
    expect(agreement.statusOn('2024-06-01')).toMatchObject({
      inForce: true,
      inForceSince: '2024-02-22',
      knownAt: '2025-03-03T10:00:00.000Z',
      knownAtRevision: 4,
    });
    expect(agreement.statusOn('2024-02-21')).toMatchObject({ inForce: false });
  });

  it('compares instants, not strings', () => {
    expect(agreement.statusOn('2024-06-01', { recordedAt: '2025-03-03T10:00:00Z' })).toMatchObject({ inForce: true });
    expect(agreement.statusOn('2024-06-01', { recordedAt: '2025-03-03T12:59:59+03:00' })).toMatchObject({ inForce: false });
  });

  it('knows no agreement before its draft was recorded', () => {
    expect(agreement.statusOn('2024-06-01', { recordedAt: '2024-01-01T00:00:00Z' })).toBeNull();
    expect(agreement.versionsOn('2024-06-01', { recordedAt: '2024-01-01T00:00:00Z' })).toBeNull();
  });
});

describe('amendments and annulments', () => {
  const agreement = given(
    drafted(),
    approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
    amended(2, [annexBRevised]),
    approvedAndSignedByBoth(2, '2024-05-10', '2024-05-20'),
    annulled(approvalId(kotka, 2), '2024-09-15'),
  );

  it('a newer satisfied version supersedes the one in force', () => {
    expect(agreement.statusOn('2024-06-01')).toMatchObject({ inForceVersion: 2, inForceSince: '2024-05-20', latestVersionState: 'in-force' });
    expect(agreement.versionsOn('2024-06-01')?.map((version) => version.state)).toEqual(['superseded', 'in-force']);
  });

  it('an annulled approval hands force back to the previous version that still holds', () => {
    expect(agreement.statusOn('2024-10-01')).toMatchObject({
      inForceVersion: 1,
      inForceSince: '2024-09-15',
      latestVersion: 2,
      latestVersionState: 'pending',
      pending: [
        { partyId: county.partyId, approval: 'approved', signature: 'signed' },
        { partyId: kotka.partyId, approval: 'annulled', signature: 'signed' },
      ],
    });
  });

  it('records each interval with what ended it', () => {
    const [version1, version2] = agreement.versionsOn('2024-10-01') ?? [];
    expect(version1.inForce).toEqual([
      { from: '2024-02-20', to: '2024-05-20', endedBy: 'superseded', supersededBy: 2 },
      { from: '2024-09-15', to: null, endedBy: null },
    ]);
    expect(version2.inForce).toEqual([{ from: '2024-05-20', to: '2024-09-15', endedBy: 'annulled' }]);
  });

  it('an annulled decision counts until its annulment date', () => {
    const kotkasDecision = (asOf: string) =>
      agreement.versionsOn(asOf)?.[1].decisions.find((decision) => decision.partyId === kotka.partyId);
    expect(kotkasDecision('2024-09-14')).toMatchObject({ counts: true, annulledOn: '2024-09-15' });
    expect(kotkasDecision('2024-09-15')).toMatchObject({ counts: false, annulledOn: '2024-09-15' });
  });

  it('a new approval after the annulment brings the amendment back into force', () => {
    const reapproved = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      amended(2, [annexBRevised]),
      approvedAndSignedByBoth(2, '2024-05-10', '2024-05-20'),
      annulled(approvalId(kotka, 2), '2024-09-15'),
      decided(kotka, 'approved', '2024-10-07', { version: 2 }),
    );
    expect(reapproved.statusOn('2024-10-07')).toMatchObject({ inForceVersion: 2, inForceSince: '2024-10-07' });
    expect(reapproved.versionsOn('2024-10-07')?.[0].inForce).toEqual([
      { from: '2024-02-20', to: '2024-05-20', endedBy: 'superseded', supersededBy: 2 },
      { from: '2024-09-15', to: '2024-10-07', endedBy: 'superseded', supersededBy: 2 },
    ]);
  });
});

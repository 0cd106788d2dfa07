import type { AmendmentChange } from '../src/core/agreement-events.js';
import { amended, annexBRevised, annulled, approvalId, approvedAndSignedByBoth, county, decided, drafted, kotka, recordedAt, terminated } from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// A version's term (DESIGN.md `inTerm`, "expired"): in force only within it; past its last day
// nothing is in force unless a higher version holds, and no version below it comes back. Every
// answer is also checked against a double replay and the rules from scratch.

const fixedTerm = drafted({ effectiveFrom: '2024-01-01', effectiveUntil: '2024-12-31' });
const until = (effectiveUntil: string | null): AmendmentChange => ({ op: 'revise-term', effectiveUntil });

describe('a fixed-term agreement', () => {
  const agreement = given(fixedTerm, approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));

  it('is in force up to and including its last day', () => {
    expect(agreement.statusOn('2024-12-31')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-02-20', latestVersionState: 'in-force' });
  });

  it('has nothing in force from the day after, its version expired', () => {
    expect(agreement.statusOn('2025-01-01')).toMatchObject({
      inForce: false,
      inForceVersion: null,
      inForceSince: null,
      latestVersionState: 'expired',
      terminatedOn: null,
    });
    expect(agreement.versionsOn('2025-01-01')?.[0]).toMatchObject({
      effectiveFrom: '2024-01-01',
      effectiveUntil: '2024-12-31',
      state: 'expired',
      inForce: [{ from: '2024-02-20', to: '2025-01-01', endedBy: 'expired' }],
    });
  });

  it('shows the coming end in the history while still in force', () => {
    expect(agreement.versionsOn('2024-06-01')?.[0]?.inForce).toEqual([{ from: '2024-02-20', to: '2025-01-01', endedBy: 'expired' }]);
  });

  it('waits for its first day, even when approved and signed before it', () => {
    const later = given(drafted({ effectiveFrom: '2024-04-01', effectiveUntil: '2024-12-31' }), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));
    expect(later.statusOn('2024-03-31')).toMatchObject({ inForce: false, latestVersionState: 'pending' });
    expect(later.statusOn('2024-04-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-04-01' });
  });

  it('approved only after its term ended, it never enters into force', () => {
    const late = given(fixedTerm, approvedAndSignedByBoth(1, '2025-02-05', '2025-02-20'));
    expect(late.statusOn('2025-03-01')).toMatchObject({ inForce: false, latestVersionState: 'expired' });
    expect(late.versionsOn('2025-03-01')?.[0]?.inForce).toEqual([]);
  });

  it('a termination before its last day ends it as terminated, not expired', () => {
    const ended = given(fixedTerm, approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'), terminated('2024-09-01'));
    expect(ended.versionsOn('2025-06-01')?.[0]).toMatchObject({ state: 'terminated', inForce: [{ from: '2024-02-20', to: '2024-09-01', endedBy: 'terminated' }] });
  });
});

describe('terms across versions', () => {
  it('an amendment that extends the term, in force before the old one ends, supersedes it and carries on', () => {
    const agreement = given(
      fixedTerm,
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      amended(2, [until('2026-12-31')], 'Sopimuskautta jatketaan'),
      approvedAndSignedByBoth(2, '2024-11-11', '2024-11-20'),
    );
    expect(agreement.statusOn('2025-06-01')).toMatchObject({ inForceVersion: 2, inForceSince: '2024-11-20', latestVersionState: 'in-force' });
    expect(agreement.versionsOn('2025-06-01')?.map((version) => [version.effectiveUntil, version.state])).toEqual([
      ['2024-12-31', 'superseded'],
      ['2026-12-31', 'in-force'],
    ]);
    expect(agreement.versionsOn('2027-01-01')?.[1]?.inForce).toEqual([{ from: '2024-11-20', to: '2027-01-01', endedBy: 'expired' }]);
  });

  it('an extension approved after the old term ended brings the agreement back into force from its approval', () => {
    const agreement = given(
      fixedTerm,
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      amended(2, [until('2026-12-31')]),
      approvedAndSignedByBoth(2, '2025-03-03', '2025-03-10'),
    );
    expect(agreement.statusOn('2025-02-01')).toMatchObject({ inForce: false, latestVersion: 2, latestVersionState: 'pending' });
    expect(agreement.statusOn('2025-03-10')).toMatchObject({ inForceVersion: 2, inForceSince: '2025-03-10' });
    expect(agreement.versionsOn('2025-03-10')?.[0]?.inForce).toEqual([{ from: '2024-02-20', to: '2025-01-01', endedBy: 'expired' }]);
  });

  it('no version below one that expired comes back, though it still holds', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      amended(2, [annexBRevised, until('2024-09-30')], 'Kokeilu syyskuun loppuun'),
      approvedAndSignedByBoth(2, '2024-05-10', '2024-05-20'),
    );
    expect(agreement.statusOn('2024-09-30')).toMatchObject({ inForceVersion: 2 });
    expect(agreement.statusOn('2024-10-01')).toMatchObject({ inForce: false, inForceVersion: null, latestVersionState: 'expired' });
    const [version1, version2] = agreement.versionsOn('2024-10-01') ?? [];
    expect(version1?.inForce).toEqual([{ from: '2024-02-20', to: '2024-05-20', endedBy: 'superseded', supersededBy: 2 }]);
    expect(version1?.state).toBe('pending');
    expect(version2?.inForce).toEqual([{ from: '2024-05-20', to: '2024-10-01', endedBy: 'expired' }]);
  });

  it('an annulment before the term ended still hands force back: the amendment was not in force on its last day', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      amended(2, [until('2024-09-30')]),
      approvedAndSignedByBoth(2, '2024-05-10', '2024-05-20'),
      annulled(approvalId(kotka, 2), '2024-08-15'),
    );
    expect(agreement.statusOn('2024-10-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-08-15' });
    expect(agreement.versionsOn('2024-10-01')?.[1]).toMatchObject({ state: 'expired', inForce: [{ from: '2024-05-20', to: '2024-08-15', endedBy: 'annulled' }] });
  });

  it('a later first day keeps the version in force until the amendment begins', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      amended(2, [{ op: 'revise-term', effectiveFrom: '2025-01-01' }]),
      approvedAndSignedByBoth(2, '2024-06-03', '2024-06-10'),
    );
    expect(agreement.statusOn('2024-12-31')).toMatchObject({ inForceVersion: 1, latestVersionState: 'pending' });
    expect(agreement.statusOn('2025-01-01')).toMatchObject({ inForceVersion: 2, inForceSince: '2025-01-01' });
    expect(agreement.versionsOn('2025-01-01')?.[0]?.inForce).toEqual([{ from: '2024-02-20', to: '2025-01-01', endedBy: 'superseded', supersededBy: 2 }]);
  });

  it('clearing the last day makes the amendment open-ended', () => {
    const agreement = given(fixedTerm, amended(2, [until(null)]), approvedAndSignedByBoth(2, '2024-11-11', '2024-11-20'));
    // API.md's precedence: a version below the one in force is superseded, even one whose term ended.
    expect(agreement.versionsOn('2030-01-01')?.map((version) => [version.effectiveFrom, version.effectiveUntil, version.state])).toEqual([
      ['2024-01-01', '2024-12-31', 'superseded'],
      ['2024-01-01', null, 'in-force'],
    ]);
  });
});

describe('terms, bitemporally', () => {
  // The extension's last approval was recorded only in spring 2025: until then the ledger knew the agreement as expired.
  const agreement = given(
    fixedTerm,
    approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
    amended(2, [until('2026-12-31')]),
    decided(county, 'approved', '2024-11-11', { version: 2 }),
    approvedAndSignedByBoth(2, '2024-11-11', '2024-11-20').slice(2),
    recordedAt('2025-04-01T09:00:00.000Z', decided(kotka, 'approved', '2024-11-12', { version: 2 })),
  );
  const before = { recordedAt: '2025-03-31T00:00:00.000Z' };

  it('as known before the late approval: the agreement expired at the end of 2024', () => {
    expect(agreement.statusOn('2025-02-01', before)).toMatchObject({ inForce: false, latestVersion: 2, latestVersionState: 'pending' });
    expect(agreement.versionsOn('2025-02-01', before)?.[0]?.inForce).toEqual([{ from: '2024-02-20', to: '2025-01-01', endedBy: 'expired' }]);
  });

  it('as known now: the extension was in force before the old term ended, so nothing expired', () => {
    expect(agreement.statusOn('2025-02-01')).toMatchObject({ inForceVersion: 2, inForceSince: '2024-11-20' });
    expect(agreement.versionsOn('2025-02-01')?.[0]?.inForce).toEqual([{ from: '2024-02-20', to: '2024-11-20', endedBy: 'superseded', supersededBy: 2 }]);
  });
});

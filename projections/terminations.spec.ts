import { projectAgreement } from './agreement-projection.js';
import { agreementSummary, nextSummaryChange } from './agreement-summary.js';
import { forceTransitions } from './force-transitions.js';
import { approvedAndSignedByBoth, drafted, record, recordedAt, terminated, withdrawn } from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// Terminations (DESIGN.md "Terminations"): nothing is in force from a standing termination's
// effectiveOn; a withdrawn one is void. Every answer is also checked against a double replay and
// the rules from scratch.

describe('termination', () => {
  const inForce = [drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20')];

  it('nothing is in force from its effectiveOn', () => {
    const agreement = given(...inForce, terminated('2024-06-30'));
    expect(agreement.statusOn('2024-06-29')).toMatchObject({ inForceVersion: 1, terminatedOn: null, latestVersionState: 'in-force' });
    expect(agreement.statusOn('2024-06-30')).toMatchObject({
      inForce: false,
      inForceVersion: null,
      terminatedOn: '2024-06-30',
      latestVersionState: 'terminated',
    });
    expect(agreement.versionsOn('2024-07-01')?.[0]).toMatchObject({
      state: 'terminated',
      inForce: [{ from: '2024-02-20', to: '2024-06-30', endedBy: 'terminated' }],
    });
  });

  it('with a future effectiveOn, stays in force until then and shows the end in the history', () => {
    const agreement = given(...inForce, recordedAt('2024-12-02T09:00:00Z', terminated('2025-12-31')));
    expect(agreement.statusOn('2024-12-02')).toMatchObject({ inForce: true, terminatedOn: null, latestVersionState: 'in-force' });
    expect(agreement.versionsOn('2024-12-02')?.[0].inForce).toEqual([{ from: '2024-02-20', to: '2025-12-31', endedBy: 'terminated' }]);
    expect(agreement.statusOn('2025-12-31')).toMatchObject({ inForce: false, terminatedOn: '2025-12-31' });
  });

  it('of two recorded terminations, the earlier effectiveOn ends force', () => {
    const agreement = given(...inForce, terminated('2024-09-30'), terminated('2024-06-30'));
    expect(agreement.statusOn('2024-07-01')).toMatchObject({ inForce: false, terminatedOn: '2024-06-30' });
  });

  it('outranks a version that would otherwise enter into force', () => {
    const agreement = given(drafted(), terminated('2024-02-01'), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: false, latestVersionState: 'terminated' });
    expect(agreement.versionsOn('2024-03-01')?.[0].inForce).toEqual([]);
  });
});

describe('a withdrawn termination', () => {
  const inForce = [drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20')];
  const agreement = given(
    ...inForce,
    recordedAt('2024-12-02T09:00:00.000Z', terminated('2025-06-30')),
    recordedAt('2025-03-03T09:00:00.000Z', withdrawn()),
  );

  it('is void: the agreement stays in force past its effectiveOn', () => {
    expect(agreement.statusOn('2025-07-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-02-20', terminatedOn: null, latestVersionState: 'in-force' });
    expect(agreement.versionsOn('2025-07-01')?.[0]?.inForce).toEqual([{ from: '2024-02-20', to: null, endedBy: null }]);
  });

  it('as known before the withdrawal, it ended force on its effectiveOn', () => {
    const before = { recordedAt: '2025-03-01T00:00:00.000Z' };
    expect(agreement.statusOn('2025-07-01', before)).toMatchObject({ inForce: false, terminatedOn: '2025-06-30', latestVersionState: 'terminated' });
    expect(agreement.versionsOn('2025-07-01', before)?.[0]?.inForce).toEqual([{ from: '2024-02-20', to: '2025-06-30', endedBy: 'terminated' }]);
  });

  it('a termination recorded after the withdrawal stands', () => {
    const again = given(...inForce, terminated('2025-06-30'), withdrawn(), terminated('2025-12-31'));
    expect(again.statusOn('2025-07-01')).toMatchObject({ inForceVersion: 1, terminatedOn: null });
    expect(again.statusOn('2025-12-31')).toMatchObject({ inForce: false, terminatedOn: '2025-12-31' });
  });

  it('no longer waits in the summary for its date, and announces no transition of its own', () => {
    const events = record(...inForce, terminated('2025-06-30'), withdrawn());
    const [before, after] = [projectAgreement(events.slice(0, -1)), projectAgreement(events)];
    expect(nextSummaryChange(before, '2025-01-01')).toBe('2025-06-30');
    expect(nextSummaryChange(after, '2025-01-01')).toBeNull();
    expect(agreementSummary(after, { asOf: '2025-07-01' })).toMatchObject({ status: 'in-force' });
    expect(forceTransitions(before, after, '2025-01-01')).toEqual([]);
  });
});

import { agreementSummary } from './agreement-summary.js';
import { transitionsOf } from './force-transitions.js';
import { partyObligation } from './party-obligations.js';
import {
  amended,
  annexBRevised,
  annulled,
  council,
  county,
  decided,
  drafted,
  hamina,
  kotka,
  recordedAt,
  signedBy,
  terminated,
  withId,
} from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// The county is the hub; Kotka, Hamina and the regional council are spokes (seed 002's interface
// cooperation: the county with each municipality that commits). Every answer is also checked
// against a double replay and the rules from scratch (testing/given.ts).
const hubAndSpoke = drafted({ parties: [county, kotka, hamina, council], forceRule: { kind: 'hub-and-spoke', hub: county.partyId } });
const countyCommits = [decided(county, 'approved', '2024-02-05'), signedBy(county, '2024-02-06')];

describe('hub-and-spoke: force per spoke', () => {
  const agreement = given(
    hubAndSpoke,
    countyCommits,
    decided(kotka, 'approved', '2024-02-12'),
    signedBy(kotka, '2024-02-20'),
    decided(hamina, 'rejected', '2024-02-14'),
    decided(council, 'approved', '2024-03-01'),
    signedBy(council, '2024-03-04'),
  );

  it('binds nobody until the hub and some spoke have both approved and signed', () => {
    expect(agreement.statusOn('2024-02-19')).toMatchObject({ inForce: false, inForceVersion: null, inForceSince: null, boundParties: [], latestVersionState: 'pending' });
  });

  it('binds each spoke from its own date, the hub with it', () => {
    expect(agreement.statusOn('2024-02-20')).toMatchObject({
      inForce: true,
      inForceVersion: 1,
      inForceSince: '2024-02-20',
      boundParties: [{ partyId: kotka.partyId, version: 1, since: '2024-02-20' }],
    });
    expect(agreement.statusOn('2024-03-04')).toMatchObject({
      inForceSince: '2024-02-20',
      latestVersionState: 'in-force',
      boundParties: [
        { partyId: kotka.partyId, version: 1, since: '2024-02-20' },
        { partyId: council.partyId, version: 1, since: '2024-03-04' },
      ],
    });
  });

  it("keeps a spoke's rejection to itself: Hamina is not bound, the others are", () => {
    const bound = agreement.statusOn('2024-04-01')?.boundParties?.map((party) => party.partyId);
    expect(bound).toEqual([kotka.partyId, council.partyId]);
    expect(agreement.statusOn('2024-04-01')?.pending.find((party) => party.partyId === hamina.partyId)).toMatchObject({ approval: 'rejected' });
  });

  it('gives intervals per spoke, each carrying its partyId', () => {
    expect(agreement.versionsOn('2024-04-01')?.[0]).toMatchObject({
      state: 'in-force',
      inForce: [
        { from: '2024-02-20', to: null, endedBy: null, partyId: kotka.partyId },
        { from: '2024-03-04', to: null, endedBy: null, partyId: council.partyId },
      ],
    });
  });

  it('answers as the ledger knew it at knownAt: a spoke recorded later was not yet bound', () => {
    const late = given(
      hubAndSpoke,
      countyCommits,
      decided(kotka, 'approved', '2024-02-12'),
      signedBy(kotka, '2024-02-20'),
      recordedAt('2025-01-10T10:00:00Z', decided(hamina, 'approved', '2024-02-13')),
      recordedAt('2025-01-10T10:01:00Z', signedBy(hamina, '2024-02-21')),
    );
    const before = { recordedAt: '2025-01-01T00:00:00Z' };
    expect(late.statusOn('2024-03-01', before)?.boundParties).toEqual([{ partyId: kotka.partyId, version: 1, since: '2024-02-20' }]);
    expect(late.statusOn('2024-03-01')?.boundParties).toEqual([
      { partyId: kotka.partyId, version: 1, since: '2024-02-20' },
      { partyId: hamina.partyId, version: 1, since: '2024-02-21' },
    ]);
    // asOf before Hamina signed: known now, not yet bound then.
    expect(late.statusOn('2024-02-20')?.boundParties).toEqual([{ partyId: kotka.partyId, version: 1, since: '2024-02-20' }]);
  });
});

describe('hub-and-spoke: the hub', () => {
  it('binds no spoke without it', () => {
    const agreement = given(hubAndSpoke, decided(kotka, 'approved', '2024-02-12'), signedBy(kotka, '2024-02-20'));
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: false, boundParties: [], latestVersionState: 'pending' });
  });

  it("rejects the version for everyone when its body rejects; so does every spoke's rejection", () => {
    expect(given(hubAndSpoke, decided(county, 'rejected', '2024-02-05')).statusOn('2024-03-01')).toMatchObject({ latestVersionState: 'rejected' });
    const allSpokesReject = given(hubAndSpoke, ...[kotka, hamina, council].map((spoke) => decided(spoke, 'rejected', '2024-02-10')));
    expect(allSpokesReject.statusOn('2024-03-01')).toMatchObject({ latestVersionState: 'rejected' });
    expect(given(hubAndSpoke, decided(kotka, 'rejected', '2024-02-10')).statusOn('2024-03-01')).toMatchObject({ latestVersionState: 'pending' });
  });

  it('unbinds every spoke when its approval is annulled, and says so per spoke', () => {
    const agreement = given(
      hubAndSpoke,
      withId('county-approval', decided(county, 'approved', '2024-02-05')),
      signedBy(county, '2024-02-06'),
      decided(kotka, 'approved', '2024-02-12'),
      signedBy(kotka, '2024-02-20'),
      decided(hamina, 'approved', '2024-02-13'),
      signedBy(hamina, '2024-02-21'),
      annulled('county-approval', '2024-05-02'),
    );
    expect(agreement.statusOn('2024-05-02')).toMatchObject({ inForce: false, boundParties: [] });
    expect(agreement.versionsOn('2024-05-02')?.[0]?.inForce).toEqual([
      { from: '2024-02-20', to: '2024-05-02', endedBy: 'annulled', partyId: kotka.partyId },
      { from: '2024-02-21', to: '2024-05-02', endedBy: 'annulled', partyId: hamina.partyId },
    ]);
    expect(transitionsOf(agreement.state, '2024-06-01').filter((t) => t.type === 'left_force')).toEqual([
      { type: 'left_force', version: 1, reason: 'annulled', effectiveOn: '2024-05-02', scheduled: false, partyId: kotka.partyId },
      { type: 'left_force', version: 1, reason: 'annulled', effectiveOn: '2024-05-02', scheduled: false, partyId: hamina.partyId },
    ]);
  });
});

describe('hub-and-spoke: versions', () => {
  // Version 2 revises annex B; Kotka commits to it, Hamina stays with version 1.
  const agreement = given(
    hubAndSpoke,
    countyCommits,
    decided(kotka, 'approved', '2024-02-12'),
    signedBy(kotka, '2024-02-20'),
    decided(hamina, 'approved', '2024-02-13'),
    signedBy(hamina, '2024-02-21'),
    amended(2, [annexBRevised]),
    decided(county, 'approved', '2024-09-02', { version: 2 }),
    signedBy(county, '2024-09-03', { version: 2 }),
    decided(kotka, 'approved', '2024-09-09', { version: 2 }),
    signedBy(kotka, '2024-09-10', { version: 2 }),
  );

  it('binds each spoke by the highest version it and the hub hold; inForceVersion is the highest binding any spoke', () => {
    expect(agreement.statusOn('2024-10-01')).toMatchObject({
      inForceVersion: 2,
      inForceSince: '2024-02-20',
      latestVersionState: 'in-force',
      boundParties: [
        { partyId: kotka.partyId, version: 2, since: '2024-09-10' },
        { partyId: hamina.partyId, version: 1, since: '2024-02-21' },
      ],
    });
    const [v1, v2] = agreement.versionsOn('2024-10-01')!;
    expect(v1).toMatchObject({
      state: 'in-force',
      inForce: [
        { from: '2024-02-20', to: '2024-09-10', endedBy: 'superseded', supersededBy: 2, partyId: kotka.partyId },
        { from: '2024-02-21', to: null, endedBy: null, partyId: hamina.partyId },
      ],
    });
    expect(v2).toMatchObject({ state: 'in-force', inForce: [{ from: '2024-09-10', to: null, endedBy: null, partyId: kotka.partyId }] });
  });

  it('announces each spoke its own transitions', () => {
    expect(transitionsOf(agreement.state, '2024-10-01')).toEqual([
      { type: 'entered_into_force', version: 1, effectiveOn: '2024-02-20', scheduled: false, partyId: kotka.partyId },
      { type: 'entered_into_force', version: 1, effectiveOn: '2024-02-21', scheduled: false, partyId: hamina.partyId },
      { type: 'superseded', version: 1, supersededBy: 2, effectiveOn: '2024-09-10', scheduled: false, partyId: kotka.partyId },
      { type: 'entered_into_force', version: 2, effectiveOn: '2024-09-10', scheduled: false, partyId: kotka.partyId },
    ]);
  });

  it('summarises the agreement as in force with the highest version binding a spoke', () => {
    expect(agreementSummary(agreement.state, { asOf: '2024-10-01' })).toMatchObject({ status: 'in-force', inForceVersion: 2, inForceSince: '2024-02-20' });
  });
});

describe('hub-and-spoke: termination and the since of force', () => {
  it('ends every pair on the termination, one transition per bound spoke', () => {
    const agreement = given(hubAndSpoke, countyCommits, decided(kotka, 'approved', '2024-02-12'), signedBy(kotka, '2024-02-20'), terminated('2024-12-31'));
    expect(agreement.statusOn('2024-12-31')).toMatchObject({ inForce: false, boundParties: [], latestVersionState: 'terminated' });
    expect(transitionsOf(agreement.state, '2024-06-01').filter((t) => t.type === 'terminated')).toEqual([
      { type: 'terminated', version: 1, effectiveOn: '2024-12-31', scheduled: true, partyId: kotka.partyId },
    ]);
  });

  it('counts force as unbroken while some spoke is bound, though the first to bind left', () => {
    const agreement = given(
      hubAndSpoke,
      countyCommits,
      withId('kotka-approval', decided(kotka, 'approved', '2024-02-12')),
      signedBy(kotka, '2024-02-20'),
      decided(hamina, 'approved', '2024-02-13'),
      signedBy(hamina, '2024-03-01'),
      annulled('kotka-approval', '2024-04-02'),
    );
    expect(agreement.statusOn('2024-05-01')).toMatchObject({
      inForceSince: '2024-02-20',
      boundParties: [{ partyId: hamina.partyId, version: 1, since: '2024-03-01' }],
    });
  });
});

describe('hub-and-spoke: finality and pending', () => {
  it("is final from when the hub's and every bound spoke's approvals are; an unbound spoke's is not asked", () => {
    const agreement = given(
      hubAndSpoke,
      decided(county, 'approved', '2024-02-05', { published: '2024-02-07' }),
      signedBy(county, '2024-02-06'),
      decided(kotka, 'approved', '2024-02-12', { published: '2024-02-14' }),
      signedBy(kotka, '2024-02-20'),
      decided(hamina, 'approved', '2024-02-13'),
    );
    // County: 7 + 30 days from 7 Feb → Friday 15 March; Kotka: from 14 Feb → Friday 22 March. Hamina's
    // approval has no publication date, so it would never be final: it is not bound, so it is not asked.
    expect(agreement.statusOn('2024-04-01')).toMatchObject({ finalSince: '2024-03-23' });
    expect(agreement.statusOn('2024-03-22')).toMatchObject({ finalSince: null });
  });

  it('asks the hub and the undecided spokes, not a spoke that rejected', () => {
    const agreement = given(hubAndSpoke, decided(kotka, 'approved', '2024-02-12'), decided(hamina, 'rejected', '2024-02-14'));
    const asOf = { asOf: '2024-03-01' };
    expect(partyObligation(agreement.state, county.partyId, asOf)).toMatchObject({ missing: ['approval', 'signature'] });
    expect(partyObligation(agreement.state, kotka.partyId, asOf)).toMatchObject({ missing: ['signature'] });
    expect(partyObligation(agreement.state, hamina.partyId, asOf)).toBeNull();
    expect(partyObligation(agreement.state, council.partyId, asOf)).toMatchObject({ missing: ['approval', 'signature'] });
  });

  it('still asks a party that rejected an all-parties agreement', () => {
    const agreement = given(drafted(), decided(kotka, 'rejected', '2024-02-12'));
    expect(partyObligation(agreement.state, kotka.partyId, { asOf: '2024-03-01' })).toMatchObject({ missing: ['approval', 'signature'] });
  });
});

describe('a draft recorded before force rules existed', () => {
  it('is all-parties: no boundParties, everyone must approve and sign', () => {
    const { forceRule: _none, ...old } = drafted().data;
    const agreement = given({ type: 'AgreementDrafted', data: old }, countyCommits, decided(kotka, 'approved', '2024-02-12'), signedBy(kotka, '2024-02-20'));
    expect(agreement.state).toMatchObject({ forceRule: { kind: 'all-parties' }, partOf: null });
    expect(agreement.statusOn('2024-03-01')).toMatchObject({ inForce: true, boundParties: null });
  });
});

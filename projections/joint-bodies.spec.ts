import type { DecisionOutcome, DecisionRecorded, IsoDate } from '../src/core/agreement-events.js';
import { amended, annulled, approvedAndSignedByBoth, county, drafted, kotka, recordedAt, withId } from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// DESIGN.md "Joint body": a body of several parties that belongs to none of them; its decisions
// are recorded, shown in Version.decisions (partyId null) and never count.

const COMMITTEE = 'Kymenlaakson alueneuvottelukunta';
const committee = { name: COMMITTEE, members: [county.partyId, kotka.partyId] };
const withCommittee = drafted({ jointBodies: [committee] });

function committeeDecided(outcome: DecisionOutcome, decidedOn: IsoDate, version = 1): DecisionRecorded {
  return { type: 'DecisionRecorded', data: { jointBody: COMMITTEE, outcome, version, decidedOn, meeting: { section: '§ 6', diaryNumber: '1559/00.02.13/2023' } } };
}

describe("a joint body's decisions", () => {
  it('are listed in the version with no party, never counting, and change nothing in force', () => {
    const agreement = given(
      withCommittee,
      committeeDecided('noted', '2024-01-26'),
      committeeDecided('approved', '2024-03-22'),
      approvedAndSignedByBoth(1, '2024-04-22', '2024-05-02'),
    );
    const [version1] = agreement.versionsOn('2024-06-01') ?? [];
    expect(version1?.jointBodies).toEqual([committee]);
    expect(version1?.decisions.map((d) => [d.partyId, d.jointBody, d.body, d.outcome, d.counts])).toEqual([
      [null, COMMITTEE, COMMITTEE, 'noted', false],
      [null, COMMITTEE, COMMITTEE, 'approved', false],
      [county.partyId, null, county.competentBody, 'approved', true],
      [kotka.partyId, null, kotka.competentBody, 'approved', true],
    ]);
    expect(agreement.statusOn('2024-06-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-05-02' });
    // Before the parties decided, the committee's approval alone approves nothing.
    expect(agreement.statusOn('2024-04-01')).toMatchObject({ inForce: false, pending: [{ approval: 'missing' }, { approval: 'missing' }] });
  });

  it("a joint body's rejection rejects nothing, and its annulment ends no force", () => {
    const agreement = given(
      withCommittee,
      approvedAndSignedByBoth(1, '2024-04-22', '2024-05-02'),
      withId('committee-no', committeeDecided('rejected', '2024-05-10')),
      annulled('committee-no', '2024-06-01'),
    );
    expect(agreement.statusOn('2024-07-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-05-02', latestVersionState: 'in-force' });
    const rejection = agreement.versionsOn('2024-07-01')?.[0]?.decisions.find((d) => d.jointBody === COMMITTEE);
    expect(rejection).toMatchObject({ outcome: 'rejected', counts: false, annulledOn: '2024-06-01', annulmentId: 'e6' });
  });

  it('are known from when they were recorded (knownAt), like any fact', () => {
    const agreement = given(withCommittee, recordedAt('2024-12-05T10:00:00.000Z', committeeDecided('approved', '2024-03-22')));
    expect(agreement.versionsOn('2024-06-01', { recordedAt: '2024-12-05T09:59:59.000Z' })?.[0]?.decisions).toEqual([]);
    expect(agreement.versionsOn('2024-06-01', { recordedAt: '2024-12-05T10:00:00.000Z' })?.[0]?.decisions).toMatchObject([{ jointBody: COMMITTEE, counts: false }]);
  });

  it('each version shows its own joint bodies: added and removed by amendments', () => {
    const agreement = given(
      drafted(),
      amended(2, [{ op: 'add-joint-body', jointBody: committee }]),
      amended(3, [{ op: 'remove-joint-body', name: COMMITTEE }]),
      committeeDecided('noted', '2024-02-01', 2),
    );
    const versions = agreement.versionsOn('2024-06-01') ?? [];
    expect(versions.map((v) => v.jointBodies)).toEqual([[], [committee], []]);
    expect(versions[1]?.decisions).toMatchObject([{ jointBody: COMMITTEE, partyId: null, counts: false }]);
  });

  it('a draft written before joint bodies reads as having none', () => {
    const agreement = given(drafted());
    expect(agreement.versionsOn('2024-06-01')?.[0]?.jointBodies).toEqual([]);
  });
});

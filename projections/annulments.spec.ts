import { annulled, approvalId, approvedAndSignedByBoth, decided, drafted, kotka, recordedAt, reversed, withId } from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// DESIGN.md "What counts": a decision counts at t unless an annulment of it holds at t — one with
// annulledOn ≤ t that was not reversed with reversedOn ≤ t. Annulments name the decision by id.

const kotkasApproval = approvalId(kotka, 1);

describe('annulments by reference', () => {
  it('annul the decision they name, not another of the same party and day', () => {
    const agreement = given(
      drafted(),
      withId('kotka-board', decided(kotka, 'approved', '2024-02-05', { body: 'Kotkan kaupunginhallitus' })),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      annulled('kotka-board', '2024-03-01'),
    );
    expect(agreement.statusOn('2024-04-01')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-02-20' });
    const decisions = agreement.versionsOn('2024-04-01')?.[0].decisions ?? [];
    expect(decisions.find((d) => d.decisionId === 'kotka-board')).toMatchObject({ annulledOn: '2024-03-01', annulmentId: 'e6', counts: false });
    expect(decisions.find((d) => d.decisionId === kotkasApproval)).toMatchObject({ annulledOn: null, annulmentId: null, reversedOn: null, counts: true });
  });

  it('an annulment referring to no decision of the agreement changes nothing', () => {
    const agreement = given(drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'), annulled('e1-of-another-agreement', '2024-03-01'));
    expect(agreement.statusOn('2024-04-01')).toMatchObject({ inForceVersion: 1 });
  });

  describe('a reversal', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      withId('annulment', annulled(kotkasApproval, '2024-05-02')),
      recordedAt('2025-01-10T10:00:00.000Z', reversed('annulment', '2024-09-16')),
    );

    it('makes the decision count again from reversedOn: force comes back that day', () => {
      expect(agreement.statusOn('2024-09-15')).toMatchObject({ inForce: false, pending: [{ approval: 'approved' }, { approval: 'annulled' }] });
      expect(agreement.statusOn('2024-09-16')).toMatchObject({ inForceVersion: 1, inForceSince: '2024-09-16', pending: [{ approval: 'approved' }, { approval: 'approved' }] });
      expect(agreement.versionsOn('2024-10-01')?.[0].inForce).toEqual([
        { from: '2024-02-20', to: '2024-05-02', endedBy: 'annulled' },
        { from: '2024-09-16', to: null, endedBy: null },
      ]);
    });

    it('shows the annulment with its reversal on the decision', () => {
      const decision = agreement.versionsOn('2024-10-01')?.[0].decisions.find((d) => d.decisionId === kotkasApproval);
      expect(decision).toMatchObject({ counts: true, annulledOn: '2024-05-02', annulmentId: 'annulment', reversedOn: '2024-09-16' });
      // Before the reversal's date the decision does not count, though the reversal is known.
      expect(agreement.versionsOn('2024-09-15')?.[0].decisions.find((d) => d.decisionId === kotkasApproval)?.counts).toBe(false);
    });

    it('as known before the reversal was recorded, the annulment still holds on every later date', () => {
      const before = { recordedAt: '2025-01-01T00:00:00.000Z' };
      expect(agreement.statusOn('2024-10-01', before)).toMatchObject({ inForce: false });
      expect(agreement.versionsOn('2024-10-01', before)?.[0].decisions.find((d) => d.decisionId === kotkasApproval)).toMatchObject({
        annulmentId: 'annulment',
        reversedOn: null,
      });
    });
  });

  it('a second annulment after a reversal ends force again; the latest annulment is shown', () => {
    const agreement = given(
      drafted(),
      approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
      withId('first', annulled(kotkasApproval, '2024-05-02')),
      reversed('first', '2024-06-03'),
      withId('second', annulled(kotkasApproval, '2024-08-01')),
    );
    expect(agreement.versionsOn('2024-09-01')?.[0].inForce).toEqual([
      { from: '2024-02-20', to: '2024-05-02', endedBy: 'annulled' },
      { from: '2024-06-03', to: '2024-08-01', endedBy: 'annulled' },
    ]);
    expect(agreement.versionsOn('2024-09-01')?.[0].decisions.find((d) => d.decisionId === kotkasApproval)).toMatchObject({
      annulledOn: '2024-08-01',
      annulmentId: 'second',
      reversedOn: null,
    });
  });
});

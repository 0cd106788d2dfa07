import { appealed, appealResolved, county, decided, drafted, kotka, recordedAt, signedBy, withId } from './testing/agreement-fixtures.js';
import { given } from './testing/given.js';

// DESIGN.md "Finality": information, never a condition of force. A counting approval with its
// minutes' publication date is final once appealableUntil (publication + 7 + 30 days for a
// council, + 7 + 14 for a board, moved past weekends and holidays) has passed and no appeal on it
// is pending; finalSince is the day from which every counting approval of the version in force is.

// County council (30 days): published Tue 2024-03-05 → appealable until Thu 2024-04-11.
// Kotka council (30 days): published Thu 2024-02-01 → until Sat 2024-03-09 → Mon 2024-03-11.
const ratified = [
  decided(county, 'approved', '2024-03-04', { published: '2024-03-05' }),
  withId('kotka-approval', decided(kotka, 'approved', '2024-01-29', { published: '2024-02-01' })),
  signedBy(county, '2024-03-06'),
  signedBy(kotka, '2024-03-06'),
];

describe('finality of approvals', () => {
  it('is in force before it is final: force does not wait for the appeal window', () => {
    const agreement = given(drafted(), ratified);
    expect(agreement.statusOn('2024-03-06')).toMatchObject({
      inForceVersion: 1,
      finalSince: null,
      pending: [
        { final: false, appealableUntil: '2024-04-11', appealPending: false },
        { final: false, appealableUntil: '2024-03-11', appealPending: false },
      ],
    });
  });

  it('each approval is final the day after its window; the agreement when the last one is', () => {
    const agreement = given(drafted(), ratified);
    expect(agreement.statusOn('2024-03-12')).toMatchObject({ finalSince: null, pending: [{ final: false }, { final: true }] });
    expect(agreement.statusOn('2024-04-11')).toMatchObject({ finalSince: null, pending: [{ final: false }, { final: true }] });
    expect(agreement.statusOn('2024-04-12')).toMatchObject({ finalSince: '2024-04-12', pending: [{ final: true }, { final: true }] });
  });

  it('a board has 14 days, not 30', () => {
    const board = { ...kotka, competentBody: 'Kotkan kaupunginhallitus', competentBodyKind: 'board' as const, otherBodies: undefined };
    const agreement = given(drafted({ parties: [county, board] }), decided(board, 'approved', '2024-01-29', { published: '2024-02-01' }));
    // 2024-02-01 + 21 = Thu 2024-02-22.
    expect(agreement.statusOn('2024-02-23')?.pending[1]).toMatchObject({ appealableUntil: '2024-02-22', final: true });
  });

  it('without a publication date an approval is never final', () => {
    const agreement = given(drafted(), decided(county, 'approved', '2024-03-04'), decided(kotka, 'approved', '2024-01-29'), signedBy(county, '2024-03-06'), signedBy(kotka, '2024-03-06'));
    expect(agreement.statusOn('2030-01-01')).toMatchObject({ inForceVersion: 1, finalSince: null, pending: [{ final: false, appealableUntil: null }, { final: false, appealableUntil: null }] });
  });

  it('an appeal pending keeps it from being final until resolved; finalSince is then the resolution', () => {
    const agreement = given(drafted(), ratified, withId('appeal', appealed('kotka-approval', '2024-03-08')), recordedAt('2024-12-10T10:00:00.000Z', appealResolved('appeal', '2024-06-20')));
    expect(agreement.statusOn('2024-05-01')).toMatchObject({ finalSince: null, pending: [{ final: true }, { final: false, appealPending: true }] });
    expect(agreement.statusOn('2024-06-20')).toMatchObject({ finalSince: '2024-06-20', pending: [{ final: true }, { final: true, appealPending: false }] });
    const [version1] = agreement.versionsOn('2024-06-20') ?? [];
    expect(version1?.decisions[1]?.appeals).toEqual([{ appealId: 'appeal', lodgedOn: '2024-03-08', authority: 'Hämeenlinnan hallinto-oikeus', resolvedOn: '2024-06-20', outcome: 'dismissed' }]);
  });

  it('as known before the resolution was recorded, the appeal is still pending', () => {
    const agreement = given(drafted(), ratified, withId('appeal', appealed('kotka-approval', '2024-03-08')), recordedAt('2024-12-10T10:00:00.000Z', appealResolved('appeal', '2024-06-20')));
    const before = { recordedAt: '2024-12-05T00:00:00.000Z' };
    expect(agreement.statusOn('2024-07-01', before)).toMatchObject({ finalSince: null, pending: [{ final: true }, { final: false, appealPending: true }] });
    expect(agreement.versionsOn('2024-07-01', before)?.[0]?.decisions[1]?.appeals).toEqual([
      { appealId: 'appeal', lodgedOn: '2024-03-08', authority: 'Hämeenlinnan hallinto-oikeus', resolvedOn: null, outcome: null },
    ]);
  });
});

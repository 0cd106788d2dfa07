import { evolve, initialAgreementProjection } from './agreement-projection.js';
import { forceTransitions, type ForceTransition } from './force-transitions.js';
import type { RecordedEvent } from './recorded-event.js';
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
  record,
  signedBy,
  terminated,
} from './testing/agreement-fixtures.js';

/** What each event, applied in turn, announces. */
function announcedPerEvent(events: readonly RecordedEvent[], asOf: string): ForceTransition[][] {
  let state = initialAgreementProjection();
  return events.map((event) => {
    const after = evolve(state, event);
    const transitions = forceTransitions(state, after, asOf);
    state = after;
    return transitions;
  });
}

describe('force transitions', () => {
  const today = '2024-12-01';

  it('the last approval or signature puts the agreement into force', () => {
    const announced = announcedPerEvent(record(drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20')), today);
    expect(announced.slice(0, 4)).toEqual([[], [], [], []]);
    expect(announced[4]).toEqual([{ type: 'entered_into_force', version: 1, effectiveOn: '2024-02-20', scheduled: false }]);
  });

  it('an amendment in force supersedes; an annulment hands force back', () => {
    const announced = announcedPerEvent(
      record(
        drafted(),
        approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
        amended(2, [annexBRevised]),
        approvedAndSignedByBoth(2, '2024-05-10', '2024-05-20'),
        annulled(approvalId(kotka, 2), '2024-09-15'),
      ),
      today,
    );
    expect(announced[9]).toEqual([
      { type: 'superseded', version: 1, supersededBy: 2, effectiveOn: '2024-05-20', scheduled: false },
      { type: 'entered_into_force', version: 2, effectiveOn: '2024-05-20', scheduled: false },
    ]);
    expect(announced[10]).toEqual([
      { type: 'left_force', version: 2, reason: 'annulled', effectiveOn: '2024-09-15', scheduled: false },
      { type: 'entered_into_force', version: 1, effectiveOn: '2024-09-15', scheduled: false },
    ]);
  });

  it('announces a termination when it is recorded, marked scheduled if it takes effect later', () => {
    const inForce = record(drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'), terminated('2025-06-30'));
    expect(announcedPerEvent(inForce, today)[5]).toEqual([
      { type: 'terminated', version: 1, effectiveOn: '2025-06-30', scheduled: true },
    ]);
    const neverInForce = record(drafted(), terminated('2024-03-01'));
    expect(announcedPerEvent(neverInForce, today)[1]).toEqual([
      { type: 'terminated', version: null, effectiveOn: '2024-03-01', scheduled: false },
    ]);
  });

  it('a late-recorded fact that moves the entry date announces the corrected date', () => {
    const announced = announcedPerEvent(
      record(
        drafted(),
        decided(county, 'approved', '2024-02-05'),
        signedBy(county, '2024-02-20'),
        signedBy(kotka, '2024-02-20'),
        decided(kotka, 'approved', '2024-03-01'),
        // Kotka's council had in fact approved already on 10 February; recorded only now.
        decided(kotka, 'approved', '2024-02-10'),
      ),
      today,
    );
    expect(announced[4]).toEqual([{ type: 'entered_into_force', version: 1, effectiveOn: '2024-03-01', scheduled: false }]);
    expect(announced[5]).toEqual([{ type: 'entered_into_force', version: 1, effectiveOn: '2024-02-20', scheduled: false }]);
  });

  it('a redelivered event announces nothing', () => {
    const events = record(drafted(), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));
    const state = events.reduce(evolve, initialAgreementProjection());
    expect(forceTransitions(state, evolve(state, events[4]), today)).toEqual([]);
  });

  it('a term that ends is announced as expiry when recorded, scheduled while it lies ahead', () => {
    const fixedTerm = record(drafted({ effectiveUntil: '2025-12-31' }), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));
    expect(announcedPerEvent(fixedTerm, today)[4]).toEqual([
      { type: 'entered_into_force', version: 1, effectiveOn: '2024-02-20', scheduled: false },
      { type: 'expired', version: 1, effectiveOn: '2026-01-01', scheduled: true },
    ]);
  });
});

import { projectAgreement } from './agreement-projection.js';
import { agreementSummary, nextSummaryChange } from './agreement-summary.js';
import {
  amended,
  annexBRevised,
  approvedAndSignedByBoth,
  council,
  county,
  drafted,
  kotka,
  record,
  terminated,
} from './testing/agreement-fixtures.js';

describe('agreement summary rows', () => {
  const events = record(
    drafted(),
    approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
    amended(2, [annexBRevised, { op: 'remove-party', partyId: kotka.partyId }, { op: 'add-party', party: council }]),
    terminated('2024-12-31'),
  );
  const state = projectAgreement(events);

  it('says pending, in force or terminated on asOf', () => {
    expect(agreementSummary(state, { asOf: '2024-02-19' })).toEqual({
      agreementId: 'kymenlaakso-hyvinvointi',
      title: 'Hyvinvointialueen ja kuntien yhteistyösopimus',
      region: 'Kymenlaakso',
      kind: 'strategic-cooperation',
      status: 'pending',
      inForceVersion: null,
      inForceSince: null,
      latestVersion: 2,
      parties: [county.partyId, kotka.partyId, council.partyId],
    });
    expect(agreementSummary(state, { asOf: '2024-06-01' })).toMatchObject({ status: 'in-force', inForceVersion: 1, inForceSince: '2024-02-20' });
    expect(agreementSummary(state, { asOf: '2024-12-31' })).toMatchObject({ status: 'terminated', inForceVersion: null });
  });

  it('answers as known at knownAt, and the same after a replay', () => {
    expect(agreementSummary(state, { asOf: '2024-06-01', knownAt: { revision: 3 } })).toMatchObject({
      status: 'pending',
      latestVersion: 1,
      parties: [county.partyId, kotka.partyId],
    });
    expect(agreementSummary(projectAgreement([...events, ...events]), { asOf: '2024-06-01' })).toEqual(
      agreementSummary(state, { asOf: '2024-06-01' }),
    );
  });

  describe('a fixed-term agreement', () => {
    const fixedTerm = record(drafted({ effectiveFrom: '2024-03-01', effectiveUntil: '2024-12-31' }), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));
    const state = projectAgreement(fixedTerm);

    it('says expired once the term of its latest version has ended and nothing is in force', () => {
      expect(agreementSummary(state, { asOf: '2024-12-31' })).toMatchObject({ status: 'in-force', inForceVersion: 1, inForceSince: '2024-03-01' });
      expect(agreementSummary(state, { asOf: '2025-01-01' })).toMatchObject({ status: 'expired', inForceVersion: null, inForceSince: null });
    });

    it('says pending while an amendment that would extend it waits for approval', () => {
      const extended = projectAgreement(record(...fixedTerm.map((r) => r.event), amended(2, [{ op: 'revise-term', effectiveUntil: '2026-12-31' }])));
      expect(agreementSummary(extended, { asOf: '2025-01-01' })).toMatchObject({ status: 'pending', latestVersion: 2 });
      expect(agreementSummary(extended, { asOf: '2025-01-01', knownAt: { revision: 4 } })).toMatchObject({ status: 'expired', latestVersion: 1 });
    });

    it('names the next date the summary changes by itself: its first day, then the day after its last', () => {
      expect(nextSummaryChange(state, '2024-02-21')).toBe('2024-03-01');
      expect(nextSummaryChange(state, '2024-03-01')).toBe('2025-01-01');
      expect(nextSummaryChange(state, '2025-01-01')).toBeNull();
      // A term that ends while nothing is in force still turns pending into expired.
      const neverApproved = projectAgreement(record(drafted({ effectiveUntil: '2024-12-31' })));
      expect(nextSummaryChange(neverApproved, '2024-06-01')).toBe('2025-01-01');
      expect(agreementSummary(neverApproved, { asOf: '2025-01-01' })).toMatchObject({ status: 'expired' });
    });

    it('a termination ahead is a date too', () => {
      const ending = projectAgreement(record(...fixedTerm.map((r) => r.event), terminated('2024-10-01')));
      expect(nextSummaryChange(ending, '2024-06-01')).toBe('2024-10-01');
      expect(nextSummaryChange(ending, '2024-10-01')).toBe('2025-01-01');
    });
  });
});

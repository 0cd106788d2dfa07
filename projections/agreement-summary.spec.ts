import { projectAgreement } from './agreement-projection.js';
import { agreementSummary } from './agreement-summary.js';
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
});

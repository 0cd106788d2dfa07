import { projectAgreement } from './agreement-projection.js';
import { partyObligation, partyObligations } from './party-obligations.js';
import {
  amended,
  annexBRevised,
  approvedAndSignedByBoth,
  county,
  decided,
  drafted,
  hamina,
  kotka,
  record,
  signedBy,
  terminated,
} from './testing/agreement-fixtures.js';

const pendingAmendmentFacts = [
  drafted(),
  approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'),
  amended(2, [annexBRevised]),
  decided(county, 'approved', '2024-05-10', { version: 2 }),
  signedBy(county, '2024-05-12', { version: 2 }),
  decided(kotka, 'approved', '2024-05-14', { version: 2 }),
].flat();
const pendingAmendment = record(...pendingAmendmentFacts);

describe('party obligations', () => {
  it('lists what a party still has to do for the latest version', () => {
    const state = projectAgreement(pendingAmendment);
    expect(partyObligation(state, kotka.partyId, { asOf: '2024-05-13' })).toEqual({
      agreementId: 'kymenlaakso-hyvinvointi',
      title: 'Hyvinvointialueen ja kuntien yhteistyösopimus',
      version: 2,
      missing: ['approval', 'signature'],
    });
    expect(partyObligation(state, kotka.partyId, { asOf: '2024-05-14' })?.missing).toEqual(['signature']);
    expect(partyObligation(state, county.partyId, { asOf: '2024-05-14' })).toBeNull();
  });

  it('answers as known at knownAt', () => {
    const state = projectAgreement(pendingAmendment);
    expect(partyObligation(state, kotka.partyId, { asOf: '2024-06-01', knownAt: { revision: 6 } })?.missing).toEqual([
      'approval',
      'signature',
    ]);
  });

  it('asks nothing of a party that is not in the latest version, nor after termination', () => {
    const withHamina = projectAgreement(record(drafted({ parties: [county, kotka, hamina] })));
    const terminatedAgreement = projectAgreement(record(...pendingAmendmentFacts, terminated('2024-06-30')));
    const other = projectAgreement(pendingAmendment);
    expect(partyObligations([withHamina, other], hamina.partyId, { asOf: '2024-06-01' }).map((o) => o.missing)).toEqual([
      ['approval', 'signature'],
    ]);
    expect(partyObligation(terminatedAgreement, kotka.partyId, { asOf: '2024-06-29' })).not.toBeNull();
    expect(partyObligation(terminatedAgreement, kotka.partyId, { asOf: '2024-06-30' })).toBeNull();
  });

  it('replaying the events twice lists the same obligations', () => {
    const state = projectAgreement([...pendingAmendment, ...pendingAmendment]);
    expect(partyObligations([state], kotka.partyId, { asOf: '2024-05-14' })).toEqual(
      partyObligations([projectAgreement(pendingAmendment)], kotka.partyId, { asOf: '2024-05-14' }),
    );
  });

  it('asks nothing once the latest version’s term has ended: it can no longer come into force', () => {
    const state = projectAgreement(record(drafted({ effectiveUntil: '2024-06-30' }), decided(county, 'approved', '2024-05-10')));
    expect(partyObligation(state, kotka.partyId, { asOf: '2024-06-30' })?.missing).toEqual(['approval', 'signature']);
    expect(partyObligation(state, kotka.partyId, { asOf: '2024-07-01' })).toBeNull();
  });
});

import { given } from './agreement-decider.spec-helper.js';
import { amendAgreement, amended, county, draftAgreement, drafted, joensuu, liperi } from './agreement-samples.spec-helper.js';

const hubAndSpoke = { kind: 'hub-and-spoke', hub: county.partyId } as const;
const draftedHubAndSpoke = { ...drafted, data: { ...drafted.data, forceRule: hubAndSpoke } };

describe('the force rule of a draft', () => {
  it('is all-parties when the draft names none, and the log says so', () => {
    given([]).when(draftAgreement()).then([drafted]);
    given([]).when(draftAgreement({ forceRule: { kind: 'all-parties' } })).then([drafted]);
  });

  it('records a hub-and-spoke rule with its hub, the id hyphenated', () => {
    given([]).when(draftAgreement({ forceRule: hubAndSpoke })).then([draftedHubAndSpoke]);
    given([])
      .when(draftAgreement({ forceRule: { kind: 'hub-and-spoke', hub: '3221317\u20134' } }))
      .then([draftedHubAndSpoke]);
  });

  it('refuses a hub that is not a party of the draft', () => {
    given([])
      .when(draftAgreement({ forceRule: { kind: 'hub-and-spoke', hub: '0207669-0' } }))
      .thenThrows('unknown-party', 'forceRule.hub');
  });

  it('refuses a hub whose business id fails its check digit', () => {
    given([])
      .when(draftAgreement({ forceRule: { kind: 'hub-and-spoke', hub: '3221317-5' } }))
      .thenThrows('invalid-party-id', 'forceRule.hub');
  });

  it('refuses an amendment that removes the hub, but not one that removes a spoke', () => {
    given([draftedHubAndSpoke])
      .when(amendAgreement({ summary: 'Liperi eroaa', changes: [{ op: 'remove-party', partyId: county.partyId }] }))
      .thenThrows('hub-removed', 'changes[0].partyId');
    given([draftedHubAndSpoke])
      .when(amendAgreement({ summary: 'Liperi eroaa', changes: [{ op: 'remove-party', partyId: liperi.partyId }] }))
      .then([amended({ summary: 'Liperi eroaa', changes: [{ op: 'remove-party', partyId: liperi.partyId }] })]);
  });

  it('lets an all-parties agreement remove any party, as before', () => {
    given([drafted])
      .when(amendAgreement({ summary: 'Maakunta eroaa', changes: [{ op: 'remove-party', partyId: county.partyId }] }))
      .then([amended({ summary: 'Maakunta eroaa', changes: [{ op: 'remove-party', partyId: county.partyId }] })]);
  });
});

describe('partOf on a draft', () => {
  it('records the framework the agreement becomes part of', () => {
    given([])
      .when(draftAgreement({ partOf: 'pohjois-karjala-puite-2023' }))
      .then([{ ...drafted, data: { ...drafted.data, partOf: 'pohjois-karjala-puite-2023' } }]);
  });

  it('refuses an agreement that names itself', () => {
    given([]).when(draftAgreement({ partOf: drafted.data.agreementId })).thenThrows('part-of-itself', 'partOf');
  });

  it('keeps the parties of the framework out of it: a part has its own parties', () => {
    given([]).when(draftAgreement({ parties: [county, joensuu], partOf: 'pohjois-karjala-puite-2023' })).then([
      { ...drafted, data: { ...drafted.data, parties: [county, joensuu], partOf: 'pohjois-karjala-puite-2023' } },
    ]);
  });
});

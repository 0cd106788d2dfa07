import { given } from './agreement-decider.spec-helper.js';
import {
  PREPAREDNESS_BASIS,
  agreementTerminated,
  county,
  draftAgreement,
  drafted,
  joensuu,
  liperi,
  sha,
} from './agreement-samples.spec-helper.js';

describe('drafting an agreement', () => {
  it('creates version 1 with its parties, document and annexes', () => {
    given([]).when(draftAgreement()).then([drafted]);
  });

  it('stores party ids hyphenated and annexes public unless marked confidential', () => {
    given([])
      .when(
        draftAgreement({
          parties: [county, { ...joensuu, partyId: '0242746\u20132' }],
          annexes: [{ annexId: 'A', title: 'Hyvinvoinnin ja terveyden edistäminen', sha256: sha('b') }],
        }),
      )
      .then([
        {
          ...drafted,
          data: {
            ...drafted.data,
            parties: [county, joensuu],
            annexes: [{ annexId: 'A', title: 'Hyvinvoinnin ja terveyden edistäminen', sha256: sha('b'), publicity: 'public' }],
          },
        },
      ]);
  });

  it('accepts an effective date in the future: force may be agreed to start later', () => {
    given([])
      .when(draftAgreement({ effectiveFrom: '2030-01-01' }))
      .then([{ ...drafted, data: { ...drafted.data, effectiveFrom: '2030-01-01' } }]);
  });

  it('refuses an agreement id that is already taken, even by a terminated agreement', () => {
    given([drafted]).when(draftAgreement()).thenThrows('agreement-already-exists', 'agreementId');
    given([drafted, agreementTerminated()]).when(draftAgreement()).thenThrows('agreement-already-exists');
  });

  it('refuses fewer than two parties', () => {
    given([]).when(draftAgreement({ parties: [county] })).thenThrows('too-few-parties', 'parties');
  });

  it('refuses a party whose business id fails its check digit', () => {
    given([])
      .when(draftAgreement({ parties: [county, { ...joensuu, partyId: '0242746-3' }] }))
      .thenThrows('invalid-party-id', 'parties[1].partyId');
  });

  it('refuses the same party twice, however its id is typed', () => {
    given([])
      .when(draftAgreement({ parties: [county, joensuu, liperi, { ...joensuu, partyId: '0242746\u20132' }] }))
      .thenThrows('duplicate-party', 'parties[3].partyId');
  });

  it('refuses two annexes with the same id', () => {
    const annex = { annexId: 'A', title: 'Liite A', sha256: sha('b') };
    given([]).when(draftAgreement({ annexes: [annex, annex] })).thenThrows('duplicate-annex', 'annexes[1].annexId');
  });

  it('refuses a confidential annex without its legal basis', () => {
    given([])
      .when(draftAgreement({ annexes: [{ annexId: 'B', title: 'Liite B', sha256: sha('c'), publicity: 'confidential' }] }))
      .thenThrows('legal-basis-required', 'annexes[0].legalBasis');
  });

  it('refuses a legal basis for secrecy on an annex that would be published', () => {
    given([])
      .when(draftAgreement({ annexes: [{ annexId: 'B', title: 'Liite B', sha256: sha('c'), legalBasis: PREPAREDNESS_BASIS }] }))
      .thenThrows('annex-publicity-conflict', 'annexes[0].publicity');
  });

  it('refuses an effective date that is not a calendar date', () => {
    given([]).when(draftAgreement({ effectiveFrom: '2025-02-29' })).thenThrows('invalid-date', 'effectiveFrom');
  });

  it('refuses an empty title', () => {
    given([]).when(draftAgreement({ title: '  ' })).thenThrows('text-required', 'title');
  });
});

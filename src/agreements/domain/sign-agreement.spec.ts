import type { SignAgreement } from './agreement-commands.js';
import { given } from './agreement-decider.spec-helper.js';
import {
  AGREEMENT_ID,
  NOW,
  TOMORROW,
  agreementSigned,
  agreementTerminated,
  amended,
  drafted,
  joensuu,
  liperi,
  nurmes,
  signAgreement,
} from './agreement-samples.spec-helper.js';

describe('signing an agreement', () => {
  const signed = agreementSigned(); // Joensuu, version 1, 2024-06-03, electronic

  it("records the party's signature of the version", () => {
    given([drafted]).when(signAgreement()).then([signed]);
  });

  it('records a handwritten signature without evidence', () => {
    const signatory = { name: 'Maija Meikäläinen', title: 'kaupunginjohtaja' };
    const handwritten: SignAgreement = {
      type: 'SignAgreement',
      data: { agreementId: AGREEMENT_ID, partyId: joensuu.partyId, version: 1, signatory, signedOn: '2024-06-03', method: 'handwritten' },
      now: NOW,
    };
    given([drafted])
      .when(handwritten)
      .then([{ type: 'AgreementSigned', data: { partyId: joensuu.partyId, version: 1, signatory, signedOn: '2024-06-03', method: 'handwritten' } }]);
  });

  it('records nothing when the same signature arrives again, however the id is typed', () => {
    given([drafted, signed]).when(signAgreement()).then([]);
    given([drafted, signed]).when(signAgreement({ partyId: '0242746\u20132' })).then([]);
  });

  it('records the same party signing the next version', () => {
    given([drafted, signed, amended()]).when(signAgreement({ version: 2 })).then([agreementSigned({ version: 2 })]);
  });

  it('records the same signatory again, named in another case or spacing, as nothing new', () => {
    given([drafted, signed]).when(signAgreement({ signatory: { name: 'MAIJA  meikäläinen ', title: 'kaupunginjohtaja' } })).then([]);
    // A decomposed "ä" (a + combining diaeresis) is the same letter.
    given([drafted, signed]).when(signAgreement({ signatory: { name: 'Maija Meika\u0308la\u0308inen', title: 'kaupunginjohtaja' } })).then([]);
  });

  it('refuses a different signature by the same signatory on the same version', () => {
    const earlier = [drafted, signed];
    given(earlier).when(signAgreement({ signedOn: '2024-06-04' })).thenThrows('signature-conflict', 'signatory.name');
    given(earlier).when(signAgreement({ signatory: { name: 'Maija Meikäläinen', title: 'apulaiskaupunginjohtaja' } })).thenThrows('signature-conflict');
    given(earlier).when(signAgreement({ method: 'handwritten' })).thenThrows('signature-conflict');
    given(earlier).when(signAgreement({ evidence: 'Visma Sign 000000' })).thenThrows('signature-conflict');
    given(earlier).when(signAgreement({ signatory: { name: 'maija meikäläinen', title: 'kaupunginjohtaja' }, signedOn: '2024-06-04' })).thenThrows('signature-conflict');
  });

  describe('several signatories of one party', () => {
    // Joensuu signs with its mayor and the chair of its city board.
    const chair = { name: 'Matti Meikäläinen', title: 'kaupunginhallituksen puheenjohtaja' };

    it('records another signatory of the same party as another signature', () => {
      given([drafted, signed]).when(signAgreement({ signatory: chair, signedOn: '2024-06-05' })).then([agreementSigned({ signatory: chair, signedOn: '2024-06-05' })]);
    });

    it('records another signatory even on an earlier day, by another method', () => {
      const handwritten = { signatory: chair, signedOn: '2024-06-01', method: 'handwritten' as const, evidence: 'Arkisto 12/2024' };
      given([drafted, signed]).when(signAgreement(handwritten)).then([agreementSigned(handwritten)]);
    });

    it('judges each signatory against its own earlier signature', () => {
      const both = [drafted, signed, agreementSigned({ signatory: chair, signedOn: '2024-06-05' })];
      given(both).when(signAgreement({ signatory: chair, signedOn: '2024-06-05' })).then([]);
      given(both).when(signAgreement()).then([]);
      given(both).when(signAgreement({ signatory: chair, signedOn: '2024-06-06' })).thenThrows('signature-conflict');
    });

    it("does not mix up parties: the same name signing for another party is that party's signature", () => {
      given([drafted, signed])
        .when(signAgreement({ partyId: liperi.partyId }))
        .then([agreementSigned({ partyId: liperi.partyId })]);
    });
  });

  it('refuses an agreement that does not exist', () => {
    given([]).when(signAgreement()).thenThrows('agreement-not-found');
  });

  it('refuses a signature dated from the day a termination takes effect', () => {
    given([drafted, agreementTerminated({ effectiveOn: '2024-05-01' })]).when(signAgreement()).thenThrows('agreement-terminated', 'signedOn');
  });

  it('refuses a business id that fails its check digit', () => {
    given([drafted]).when(signAgreement({ partyId: '0242746-3' })).thenThrows('invalid-party-id', 'partyId');
  });

  it('refuses a party the agreement does not have', () => {
    given([drafted]).when(signAgreement({ partyId: nurmes.partyId })).thenThrows('unknown-party', 'partyId');
  });

  it('refuses a party of another version', () => {
    given([drafted, amended({ changes: [{ op: 'add-party', party: nurmes }] })])
      .when(signAgreement({ partyId: nurmes.partyId, version: 1 }))
      .thenThrows('unknown-party', 'partyId');
  });

  it('refuses a version the agreement does not have', () => {
    given([drafted]).when(signAgreement({ version: 3 })).thenThrows('unknown-version', 'version');
  });

  it('refuses a signature dated in the future', () => {
    given([drafted]).when(signAgreement({ signedOn: TOMORROW })).thenThrows('date-in-future', 'signedOn');
  });

  it('refuses a date that is not in the calendar', () => {
    given([drafted]).when(signAgreement({ signedOn: '2024-06-31' })).thenThrows('invalid-date', 'signedOn');
  });

  it('refuses a signature without the signatory’s name', () => {
    given([drafted]).when(signAgreement({ signatory: { name: '', title: 'kaupunginjohtaja' } })).thenThrows('text-required', 'signatory.name');
  });
});

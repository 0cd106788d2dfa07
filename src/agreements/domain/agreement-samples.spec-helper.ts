import type {
  AmendAgreement,
  AnnulDecision,
  DraftAgreement,
  RecordDecision,
  ReverseAnnulment,
  SignAgreement,
  TerminateAgreement,
  WithdrawTermination,
} from './agreement-commands.js';
import type {
  AgreementAmended,
  AgreementDrafted,
  AgreementSigned,
  AgreementTerminated,
  AnnulmentReversed,
  DecisionAnnulled,
  DecisionRecorded,
  Party,
  TerminationWithdrawn,
} from '../../core/agreement-events.js';

/**
 * A small agreement for decider specs. The business ids are the real ones listed in the published
 * Pohjois-Karjala cooperation agreement; their check digits are verified in party-id.spec.ts.
 */

export const AGREEMENT_ID = 'pohjois-karjala-2023';

/** 12:00 in Helsinki on 14 June 2024: "today" for every command below. */
export const NOW = new Date('2024-06-14T09:00:00Z');
export const TODAY = '2024-06-14';
export const TOMORROW = '2024-06-15';

export const county: Party = {
  partyId: '3221317-4',
  name: 'Pohjois-Karjalan hyvinvointialue',
  kind: 'wellbeing-services-county',
  competentBody: 'Pohjois-Karjalan aluevaltuusto',
  competentBodyKind: 'council',
};
export const joensuu: Party = {
  partyId: '0242746-2',
  name: 'Joensuun kaupunki',
  kind: 'municipality',
  competentBody: 'Joensuun kaupunginvaltuusto',
  competentBodyKind: 'council',
  otherBodies: ['Joensuun kaupunginhallitus'],
};
export const liperi: Party = {
  partyId: '0169583-6',
  name: 'Liperin kunta',
  kind: 'municipality',
  competentBody: 'Liperin kunnanvaltuusto',
  competentBodyKind: 'council',
};
/** Not a party of the sample agreement until an amendment adds it. */
export const nurmes: Party = {
  partyId: '0207669-0',
  name: 'Nurmeksen kaupunki',
  kind: 'municipality',
  competentBody: 'Nurmeksen kaupunginvaltuusto',
  competentBodyKind: 'council',
};

export const sha = (seed: string): string => seed.repeat(64).slice(0, 64);

export const PREPAREDNESS_BASIS = 'JulkL 621/1999 24 § 1 mom. 8 k.';

export const drafted: AgreementDrafted = {
  type: 'AgreementDrafted',
  data: {
    agreementId: AGREEMENT_ID,
    title: 'Pohjois-Karjalan hyvinvointialueen ja kuntien yhteistyösopimus',
    region: 'Pohjois-Karjala',
    kind: 'strategic-cooperation',
    parties: [county, joensuu, liperi],
    document: { title: 'Yhteistyösopimus', sha256: sha('a') },
    annexes: [
      { annexId: 'A', title: 'Hyvinvoinnin ja terveyden edistäminen', sha256: sha('b'), publicity: 'public' },
      {
        annexId: 'B',
        title: 'Sopimus yhteistyöstä häiriö- ja poikkeusoloihin',
        sha256: sha('c'),
        publicity: 'confidential',
        legalBasis: PREPAREDNESS_BASIS,
      },
    ],
    forceRule: { kind: 'all-parties' },
  },
};

export function draftAgreement(data: Partial<DraftAgreement['data']> = {}): DraftAgreement {
  const { agreementId, title, region, kind, parties, document, annexes } = drafted.data;
  return { type: 'DraftAgreement', data: { agreementId, title, region, kind, parties, document, annexes, ...data }, now: NOW };
}

export function amendAgreement(data: Partial<AmendAgreement['data']> = {}): AmendAgreement {
  return {
    type: 'AmendAgreement',
    data: {
      agreementId: AGREEMENT_ID,
      basedOn: 1,
      summary: 'Liite B päivitetty',
      changes: [{ op: 'amend-annex', annexId: 'B', sha256: sha('d') }],
      ...data,
    },
    now: NOW,
  };
}

export function amended(data: Partial<AgreementAmended['data']> = {}): AgreementAmended {
  return {
    type: 'AgreementAmended',
    data: { version: 2, basedOn: 1, summary: 'Liite B päivitetty', changes: [{ op: 'amend-annex', annexId: 'B', sha256: sha('d') }], ...data },
  };
}

const councilMeeting = { section: '§ 42', diaryNumber: '1234/00.04.01/2023' };

const decisionData: DecisionRecorded['data'] = {
  partyId: joensuu.partyId,
  body: joensuu.competentBody,
  outcome: 'approved',
  version: 1,
  decidedOn: '2024-05-27',
  meeting: councilMeeting,
};

export function recordDecision(data: Partial<RecordDecision['data']> = {}): RecordDecision {
  return { type: 'RecordDecision', data: { agreementId: AGREEMENT_ID, ...decisionData, ...data }, now: NOW };
}

export function decisionRecorded(data: Partial<DecisionRecorded['data']> = {}): DecisionRecorded {
  return { type: 'DecisionRecorded', data: { ...decisionData, ...data } };
}

/** The ids the specs give Joensuu's approval and its annulment (`withId`). */
export const APPROVAL_ID = '0190d6a2-0000-7000-8000-000000000001';
export const ANNULMENT_ID = '0190d6a2-0000-7000-8000-000000000002';

const annulmentData: DecisionAnnulled['data'] = {
  decisionId: APPROVAL_ID,
  annulledOn: '2024-06-10',
  authority: 'Itä-Suomen hallinto-oikeus',
  reason: 'Valtuuston kokous oli kutsuttu koolle virheellisesti.',
  caseNumber: 'H 1234/2024',
};

export function annulDecision(data: Partial<AnnulDecision['data']> = {}): AnnulDecision {
  return { type: 'AnnulDecision', data: { agreementId: AGREEMENT_ID, ...annulmentData, ...data }, now: NOW };
}

export function decisionAnnulled(data: Partial<DecisionAnnulled['data']> = {}): DecisionAnnulled {
  return { type: 'DecisionAnnulled', data: { ...annulmentData, ...data } };
}

const reversalData: AnnulmentReversed['data'] = {
  annulmentId: ANNULMENT_ID,
  reversedOn: '2024-06-13',
  authority: 'Korkein hallinto-oikeus',
  reason: 'Kokouskutsu oli lainmukainen.',
};

export function reverseAnnulment(data: Partial<ReverseAnnulment['data']> = {}): ReverseAnnulment {
  return { type: 'ReverseAnnulment', data: { agreementId: AGREEMENT_ID, ...reversalData, ...data }, now: NOW };
}

export function annulmentReversed(data: Partial<AnnulmentReversed['data']> = {}): AnnulmentReversed {
  return { type: 'AnnulmentReversed', data: { ...reversalData, ...data } };
}

const signatureData: AgreementSigned['data'] = {
  partyId: joensuu.partyId,
  version: 1,
  signatory: { name: 'Maija Meikäläinen', title: 'kaupunginjohtaja' },
  signedOn: '2024-06-03',
  method: 'electronic',
  evidence: 'Visma Sign 8f2c1e',
};

export function signAgreement(data: Partial<SignAgreement['data']> = {}): SignAgreement {
  return { type: 'SignAgreement', data: { agreementId: AGREEMENT_ID, ...signatureData, ...data }, now: NOW };
}

export function agreementSigned(data: Partial<AgreementSigned['data']> = {}): AgreementSigned {
  return { type: 'AgreementSigned', data: { ...signatureData, ...data } };
}

const terminationData: AgreementTerminated['data'] = {
  effectiveOn: '2025-01-01',
  reason: 'Korvattu uudella strategisella yhteistyösopimuksella.',
  supersededBy: 'pohjois-karjala-2025',
};

export function terminateAgreement(data: Partial<TerminateAgreement['data']> = {}): TerminateAgreement {
  return { type: 'TerminateAgreement', data: { agreementId: AGREEMENT_ID, ...terminationData, ...data }, now: NOW };
}

export function agreementTerminated(data: Partial<AgreementTerminated['data']> = {}): AgreementTerminated {
  return { type: 'AgreementTerminated', data: { ...terminationData, ...data } };
}

const WITHDRAWAL_REASON = 'Irtisanominen peruttu: uusi sopimus ei valmistunut ajoissa.';

export function withdrawTermination(data: Partial<WithdrawTermination['data']> = {}): WithdrawTermination {
  return { type: 'WithdrawTermination', data: { agreementId: AGREEMENT_ID, reason: WITHDRAWAL_REASON, ...data }, now: NOW };
}

export function terminationWithdrawn(reason = WITHDRAWAL_REASON): TerminationWithdrawn {
  return { type: 'TerminationWithdrawn', data: { reason } };
}

import type { AgreementDrafted, Obligation, ObligationFulfilled } from '../../core/agreement-events.js';
import type { FulfilObligation } from './agreement-commands.js';
import { given } from './agreement-decider.spec-helper.js';
import {
  AGREEMENT_ID,
  NOW,
  TOMORROW,
  agreementTerminated,
  amendAgreement,
  amended,
  county,
  draftAgreement,
  drafted,
  joensuu,
  liperi,
  nurmes,
} from './agreement-samples.spec-helper.js';

// DESIGN.md "Obligation": duties a version puts on its parties, each met by recorded fulfilments.

const negotiation: Obligation = {
  obligationId: 'council-term-negotiation',
  title: 'Hyvinvointialueen ja kunnan neuvottelu valtuustokausittain',
  legalBasis: 'Laki hyvinvointialueesta 611/2021 14 §',
  recurrence: 'council-term',
  participation: 'each-party',
  convener: county.partyId,
};
const wellbeing: Obligation = { obligationId: 'wellbeing-negotiation', title: 'Hyvinvointineuvottelu', recurrence: 'annual', participation: 'joint' };
const report: Obligation = { obligationId: 'report', title: 'Hyvinvointikertomus', recurrence: 'once', participation: 'joint', dueBy: '2025-05-31' };

const model: AgreementDrafted = { type: 'AgreementDrafted', data: { ...drafted.data, kind: 'cooperation-model', obligations: [negotiation, wellbeing] } };

const fulfilment = (data: Partial<ObligationFulfilled['data']> = {}): ObligationFulfilled => ({
  type: 'ObligationFulfilled',
  data: { obligationId: negotiation.obligationId, heldOn: '2023-10-09', parties: [county.partyId, joensuu.partyId], ...data },
});
const fulfil = (data: Partial<FulfilObligation['data']> = {}): FulfilObligation => ({
  type: 'FulfilObligation',
  data: { agreementId: AGREEMENT_ID, ...fulfilment().data, ...data },
  now: NOW,
});

describe('drafting obligations', () => {
  it('records a cooperation model made of obligations, party ids normalised', () => {
    const typed = { ...negotiation, convener: '3221317\u20134', withParties: ['0242746\u20132'] };
    given([])
      .when(draftAgreement({ kind: 'cooperation-model', obligations: [typed, wellbeing] }))
      .then([{ ...model, data: { ...model.data, obligations: [{ ...negotiation, withParties: [joensuu.partyId] }, wellbeing] } }]);
  });

  it('leaves obligations out of a draft without any', () => {
    given([]).when(draftAgreement({ obligations: [] })).then([drafted]);
  });

  it('refuses an id twice, a convener or withParties that is no party, withParties twice, dueBy without once', () => {
    given([]).when(draftAgreement({ obligations: [negotiation, negotiation] })).thenThrows('duplicate-obligation', 'obligations[1].obligationId');
    given([]).when(draftAgreement({ obligations: [{ ...negotiation, convener: nurmes.partyId }] })).thenThrows('unknown-party', 'obligations[0].convener');
    given([]).when(draftAgreement({ obligations: [{ ...wellbeing, withParties: [nurmes.partyId] }] })).thenThrows('unknown-party', 'obligations[0].withParties[0]');
    given([]).when(draftAgreement({ obligations: [{ ...wellbeing, withParties: [liperi.partyId, liperi.partyId] }] })).thenThrows('duplicate-party', 'obligations[0].withParties[1]');
    given([]).when(draftAgreement({ obligations: [{ ...wellbeing, dueBy: '2025-05-31' }] })).thenThrows('due-by-without-once', 'obligations[0].dueBy');
    given([]).when(draftAgreement({ obligations: [{ ...negotiation, convener: '1234567-8' }] })).thenThrows('invalid-party-id', 'obligations[0].convener');
  });

  it('accepts dueBy with a once obligation', () => {
    given([]).when(draftAgreement({ obligations: [report] })).then([{ ...drafted, data: { ...drafted.data, obligations: [report] } }]);
  });
});

describe('amending obligations', () => {
  it('adds, revises and removes obligations', () => {
    const changes = [
      { op: 'add-obligation', obligation: report },
      { op: 'revise-obligation', obligationId: negotiation.obligationId, legalBasis: null, withParties: [joensuu.partyId] },
      { op: 'remove-obligation', obligationId: wellbeing.obligationId },
    ] as const;
    given([model]).when(amendAgreement({ changes })).then([amended({ changes })]);
  });

  it('refuses an obligation the version has or lacks, a revision that changes nothing, and dueBy on a recurring one', () => {
    given([model]).when(amendAgreement({ changes: [{ op: 'add-obligation', obligation: wellbeing }] })).thenThrows('duplicate-obligation', 'changes[0].obligation.obligationId');
    given([model]).when(amendAgreement({ changes: [{ op: 'remove-obligation', obligationId: 'report' }] })).thenThrows('unknown-obligation', 'changes[0].obligationId');
    given([model]).when(amendAgreement({ changes: [{ op: 'revise-obligation', obligationId: 'report', title: 'x' }] })).thenThrows('unknown-obligation', 'changes[0].obligationId');
    given([model]).when(amendAgreement({ changes: [{ op: 'revise-obligation', obligationId: wellbeing.obligationId }] })).thenThrows('amendment-without-changes', 'changes[0]');
    given([model]).when(amendAgreement({ changes: [{ op: 'revise-obligation', obligationId: wellbeing.obligationId, dueBy: '2025-01-01' }] })).thenThrows('due-by-without-once', 'changes[0].dueBy');
  });

  it('refuses removing a party an obligation names, unless the obligation lets go of it first', () => {
    const removeCounty = { op: 'remove-party', partyId: county.partyId } as const;
    given([model]).when(amendAgreement({ changes: [removeCounty] })).thenThrows('unknown-party', 'changes[0].convener');
    const changes = [{ op: 'revise-obligation', obligationId: negotiation.obligationId, convener: null }, removeCounty] as const;
    given([model]).when(amendAgreement({ changes })).then([amended({ changes })]);
  });
});

describe('fulfilling an obligation', () => {
  it('records the convener meeting one party, party ids normalised', () => {
    given([model]).when(fulfil({ parties: ['3221317\u20134', joensuu.partyId], minutesUrl: 'https://example.fi/poytakirja', summary: 'Neuvottelu' })).then([
      fulfilment({ minutesUrl: 'https://example.fi/poytakirja', summary: 'Neuvottelu' }),
    ]);
  });

  it('records a joint obligation met by everyone it concerns', () => {
    const parties = [county.partyId, joensuu.partyId, liperi.partyId];
    given([model]).when(fulfil({ obligationId: wellbeing.obligationId, parties })).then([fulfilment({ obligationId: wellbeing.obligationId, parties })]);
  });

  it('answers an obligation no version lists as not found, also one only a later command would add', () => {
    given([drafted]).when(fulfil()).thenThrows('obligation-not-found');
  });

  it('keeps a removed obligation for its fulfilments, judged by the latest version listing it', () => {
    const removed = amended({ changes: [{ op: 'remove-obligation', obligationId: negotiation.obligationId }] });
    given([model, removed]).when(fulfil()).then([fulfilment()]);
  });

  it('refuses a party it does not concern or named twice, and who met not being who must', () => {
    const narrow = { ...model, data: { ...model.data, obligations: [{ ...negotiation, withParties: [joensuu.partyId] }, wellbeing] } };
    given([narrow]).when(fulfil({ parties: [county.partyId, liperi.partyId] })).thenThrows('party-not-concerned', 'parties[1]');
    given([model]).when(fulfil({ parties: [county.partyId, nurmes.partyId] })).thenThrows('party-not-concerned', 'parties[1]');
    given([model]).when(fulfil({ parties: [county.partyId, joensuu.partyId, joensuu.partyId] })).thenThrows('duplicate-party', 'parties[2]');
    given([model]).when(fulfil({ parties: [joensuu.partyId, liperi.partyId] })).thenThrows('incomplete-fulfilment', 'parties');
    given([model]).when(fulfil({ parties: [county.partyId] })).thenThrows('incomplete-fulfilment', 'parties');
    given([model]).when(fulfil({ obligationId: wellbeing.obligationId, parties: [county.partyId, joensuu.partyId] })).thenThrows('incomplete-fulfilment', 'parties');
  });

  it('refuses a meeting in the future or once the agreement is terminated, and an empty summary', () => {
    given([model]).when(fulfil({ heldOn: TOMORROW })).thenThrows('date-in-future', 'heldOn');
    given([model, agreementTerminated({ effectiveOn: '2023-01-01' })]).when(fulfil()).thenThrows('agreement-terminated', 'heldOn');
    given([model]).when(fulfil({ summary: ' ' })).thenThrows('text-required', 'summary');
  });
});

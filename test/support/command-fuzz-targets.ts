/**
 * For each command operation, a valid body and an agreement in a state where it would land:
 * the fuzz test breaks the body and expects a refusal. Bodies come from the seed fixtures, with
 * every optional field filled in so that the schema walk reaches it.
 */
import type { AgreementCommand } from '../../src/agreements/domain/agreement-commands.js';
import { constructedParty } from '../fixtures/constructed-party.js';
import { ANNEX_B_2025_SHA256, keskiPohjanmaaCommands, keskiPohjanmaaParties, PREPAREDNESS_LEGAL_BASIS, REGIONAL_COMMITTEE } from '../fixtures/keski-pohjanmaa.js';
import { kymenlaaksoCommands, kymenlaaksoParties } from '../fixtures/kymenlaakso.js';
import { toHttpRequest } from './command-requests.js';
import type { TestApp } from './test-app.js';

export interface FuzzTarget {
  /** Under the API prefix, e.g. /agreements/fuzz-3-x/decisions */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

type Prepare = (t: TestApp) => Promise<FuzzTarget>;

let drafts = 0;
const freshId = () => `fuzz-${++drafts}-${Date.now().toString(36)}`;

function bodyOf(commands: AgreementCommand[], type: AgreementCommand['type'], partyId?: string): Record<string, unknown> {
  const command = commands.find((c) => c.type === type && (partyId === undefined || ('partyId' in c.data && c.data.partyId === partyId)));
  if (!command) throw new Error(`the fixture has no ${type}`);
  return toHttpRequest(command).body;
}

/** Keski-Pohjanmaa's draft: its confidential annex B first, so the walk of annexes[0] meets every annex field. */
function draftBody(agreementId: string): Record<string, unknown> {
  const draft = bodyOf(keskiPohjanmaaCommands(), 'DraftAgreement');
  // The county first, with a Swedish alias too, so the walk of parties[0] meets every body field.
  const [county, ...others] = draft.parties as Record<string, unknown>[];
  const parties = [{ ...county, bodyAliases: ['Mellersta Österbottens välfärdsområdesfullmäktige'] }, ...others];
  return { ...draft, agreementId, parties, annexes: [...(draft.annexes as unknown[])].reverse(), effectiveFrom: '2024-07-01', effectiveUntil: '2027-12-31', obligations };
}

/** A 'once' obligation first, so the walk of obligations[0] meets every obligation field. */
const { county: soite, kokkola, kannus } = keskiPohjanmaaParties;
const obligations = [
  { obligationId: 'hyvinvointikertomus', title: 'Hyvinvointikertomus', legalBasis: 'Laki 612/2021 6 §', recurrence: 'once', participation: 'joint', convener: soite.partyId, dueBy: '2025-12-31', withParties: [kokkola.partyId] },
  { obligationId: 'neuvottelu', title: 'Neuvottelu valtuustokausittain', recurrence: 'council-term', participation: 'each-party', convener: soite.partyId },
];

const { kotka } = kymenlaaksoParties;

/** Kotka's council approves (Kymenlaakso), with a diary number and a link to the minutes. */
function decisionBody(): Record<string, unknown> {
  const decision = bodyOf(kymenlaaksoCommands(), 'RecordDecision', kotka.partyId);
  return {
    ...decision,
    partyId: kotka.partyId,
    meeting: { ...(decision.meeting as object), diaryNumber: '626/00.04.01/2023', minutesUrl: 'https://www.kotka.fi/poytakirjat/kv-2023-10-16.pdf', minutesPublishedOn: '2023-10-20' },
  };
}

/** One change of each kind, so that every alternative of `changes` is walked. */
function amendmentBody(): Record<string, unknown> {
  const amendment = bodyOf(keskiPohjanmaaCommands(), 'AmendAgreement');
  return {
    ...amendment,
    changes: [
      { op: 'amend-annex', annexId: 'B', title: 'Sopimus yhteistyöstä häiriö- ja poikkeusoloihin (2025)', sha256: ANNEX_B_2025_SHA256 },
      { op: 'add-annex', annexId: 'C', title: 'Valmiussuunnitelmien yhteyshenkilöt', sha256: 'cd'.repeat(32), publicity: 'confidential', legalBasis: PREPAREDNESS_LEGAL_BASIS },
      { op: 'remove-annex', annexId: 'A' },
      { op: 'revise-document', title: 'Strateginen yhteistyösopimus (2025)', sha256: 'ef'.repeat(32) },
      { op: 'add-party', party: constructedParty('9920009', 'Perhon kunta', 'municipality', 'Perhon kunnanvaltuusto') },
      // Kaustinen sits on the regional negotiation committee: the committee is formed anew without it first.
      { op: 'remove-joint-body', name: REGIONAL_COMMITTEE },
      { op: 'add-joint-body', jointBody: { name: REGIONAL_COMMITTEE, members: [keskiPohjanmaaParties.county.partyId, keskiPohjanmaaParties.kokkola.partyId] } },
      { op: 'remove-party', partyId: keskiPohjanmaaParties.kaustinen.partyId },
      {
        op: 'revise-party',
        partyId: keskiPohjanmaaParties.kannus.partyId,
        name: 'Kannuksen kaupunki',
        competentBody: 'Kannuksen kaupunginvaltuusto',
        competentBodyKind: 'council',
        bodyAliases: ['Kannus stadsfullmäktige'],
        otherBodies: ['Kannuksen kaupunginhallitus'],
      },
      { op: 'revise-term', effectiveFrom: '2025-01-01', effectiveUntil: '2028-12-31' },
      { op: 'add-obligation', obligation: { ...obligations[0], obligationId: 'hyte-suunnitelma' } },
      { op: 'revise-obligation', obligationId: 'hyvinvointikertomus', title: 'Hyvinvointikertomus 2025', legalBasis: 'Laki 612/2021 6–7 §', convener: kokkola.partyId, dueBy: '2026-05-31', withParties: [kannus.partyId] },
      { op: 'remove-obligation', obligationId: 'neuvottelu' },
    ],
  };
}

/** Posts a preparing command; the appended event's id (a decisionId, an annulmentId). */
async function landed(t: TestApp, path: string, body: unknown): Promise<string> {
  const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
  if (res.status !== 201) throw new Error(`preparing a fuzz target: POST ${path} answered ${res.status} ${await res.text()}`);
  return ((await res.json()) as { eventId: string }).eventId;
}

/** An agreement with Kotka's approval recorded, and that decision's id. */
async function withDecision(t: TestApp): Promise<{ id: string; decisionId: string }> {
  const id = await drafted(t, 'kymenlaakso');
  return { id, decisionId: await landed(t, `/agreements/${id}/decisions`, decisionBody()) };
}

const annulment = { annulledOn: '2023-12-01', authority: 'Itä-Suomen hallinto-oikeus', reason: 'Esteellisyys päätöksenteossa', caseNumber: 'H 1234/2023' };

async function drafted(t: TestApp, kind: 'kymenlaakso' | 'keski-pohjanmaa'): Promise<string> {
  const id = freshId();
  const draft = kind === 'keski-pohjanmaa' ? draftBody(id) : { ...bodyOf(kymenlaaksoCommands(), 'DraftAgreement'), agreementId: id };
  await landed(t, '/agreements', draft);
  return id;
}

/** By operation, as the OpenAPI document names it. */
export const COMMAND_TARGETS: Record<string, Prepare> = {
  'post /api/agreements': async () => ({ path: '/agreements', body: draftBody(freshId()) }),
  'post /api/agreements/{id}/amendments': async (t) => ({ path: `/agreements/${await drafted(t, 'keski-pohjanmaa')}/amendments`, body: amendmentBody() }),
  'post /api/agreements/{id}/decisions': async (t) => ({ path: `/agreements/${await drafted(t, 'kymenlaakso')}/decisions`, body: decisionBody() }),
  'post /api/agreements/{id}/annulments': async (t) => {
    const { id, decisionId } = await withDecision(t);
    return { path: `/agreements/${id}/annulments`, body: { decisionId, ...annulment } };
  },
  'post /api/agreements/{id}/annulments/{annulmentId}/reversal': async (t) => {
    const { id, decisionId } = await withDecision(t);
    const annulmentId = await landed(t, `/agreements/${id}/annulments`, { decisionId, ...annulment });
    return {
      path: `/agreements/${id}/annulments/${annulmentId}/reversal`,
      body: { reversedOn: '2024-01-10', authority: 'Korkein hallinto-oikeus', reason: 'Esteellisyyttä ei ollut', caseNumber: 'KHO 2024:3' },
    };
  },
  'post /api/agreements/{id}/appeals': async (t) => {
    const { id, decisionId } = await withDecision(t);
    return { path: `/agreements/${id}/appeals`, body: { decisionId, lodgedOn: '2023-11-01', authority: 'Hämeenlinnan hallinto-oikeus', caseNumber: 'H 501/2023' } };
  },
  'post /api/agreements/{id}/appeals/{appealId}/resolution': async (t) => {
    const { id, decisionId } = await withDecision(t);
    const appealId = await landed(t, `/agreements/${id}/appeals`, { decisionId, lodgedOn: '2023-11-01', authority: 'Hämeenlinnan hallinto-oikeus' });
    const annulmentId = await landed(t, `/agreements/${id}/annulments`, { decisionId, ...annulment });
    return { path: `/agreements/${id}/appeals/${appealId}/resolution`, body: { resolvedOn: '2023-12-01', outcome: 'annulled', annulmentId } };
  },
  'post /api/agreements/{id}/signatures': async (t) => ({
    path: `/agreements/${await drafted(t, 'kymenlaakso')}/signatures`,
    body: bodyOf(kymenlaaksoCommands(), 'SignAgreement', kotka.partyId),
  }),
  'post /api/agreements/{id}/termination': async (t) => ({
    path: `/agreements/${await drafted(t, 'kymenlaakso')}/termination`,
    body: { effectiveOn: '2030-12-31', reason: 'Korvataan uudella sopimuksella', supersededBy: 'kymenlaakso-strateginen-2031' },
  }),
  'post /api/agreements/{id}/obligations/{obligationId}/fulfilments': async (t) => ({
    path: `/agreements/${await drafted(t, 'keski-pohjanmaa')}/obligations/hyvinvointikertomus/fulfilments`,
    body: { heldOn: '2024-09-12', parties: [soite.partyId, kokkola.partyId], minutesUrl: 'https://www.soite.fi/poytakirjat/2024-09-12.pdf', summary: 'Hyvinvointikertomus käsitelty yhdessä' },
  }),
  // API.md's withdrawal of a termination that has not taken effect; fuzzed once the server documents it.
  'delete /api/agreements/{id}/termination': async (t) => {
    const id = await drafted(t, 'kymenlaakso');
    await landed(t, `/agreements/${id}/termination`, { effectiveOn: '2099-12-31', reason: 'Korvataan uudella sopimuksella' });
    return { path: `/agreements/${id}/termination`, body: { reason: 'Irtisanominen peruttu' } };
  },
};

/** The valid body of each operation, prepared once and again only after a request changed its agreement. */
export class FuzzTargets {
  private readonly prepared = new Map<string, Promise<FuzzTarget>>();

  constructor(private readonly t: TestApp) {}

  has(operation: string): boolean {
    return Object.hasOwn(COMMAND_TARGETS, operation);
  }

  get(operation: string): Promise<FuzzTarget> {
    let target = this.prepared.get(operation);
    if (!target) {
      const prepare = COMMAND_TARGETS[operation];
      if (!prepare) throw new Error(`no valid body for ${operation}: add one to test/support/command-fuzz-targets.ts`);
      target = prepare(this.t);
      this.prepared.set(operation, target);
    }
    return target;
  }

  /** A request landed (or may have): the next one starts from a freshly prepared agreement. */
  spoil(operation: string): void {
    this.prepared.delete(operation);
  }
}

import type { AgreementDrafted, AmendmentChange, Annex, DocumentRef, IsoDate, JointBody, Obligation, Party } from './agreement-events.js';
import { sameName } from './text-formats.js';

/**
 * What a version says, and how an amendment makes version n+1 from version n: one implementation,
 * used by the decider (to judge the next command) and by the projections (to show each version).
 */
export interface VersionContent {
  readonly document: DocumentRef;
  readonly annexes: readonly Annex[];
  /** In the version's party order: the draft's order, added parties appended. */
  readonly parties: readonly Party[];
  /** The term: the first and the last day the version may be in force; null leaves that end open. */
  readonly effectiveFrom: IsoDate | null;
  readonly effectiveUntil: IsoDate | null;
  /** In the order added; none when a draft or its amendments named none. */
  readonly jointBodies: readonly JointBody[];
  /** In the version's order: the draft's order, added obligations appended. */
  readonly obligations: readonly Obligation[];
}

export function draftContent(draft: AgreementDrafted['data']): VersionContent {
  const { document, annexes, parties } = draft;
  return {
    document,
    annexes,
    parties,
    effectiveFrom: draft.effectiveFrom ?? null,
    effectiveUntil: draft.effectiveUntil ?? null,
    jointBodies: draft.jointBodies ?? [],
    obligations: draft.obligations ?? [],
  };
}

/** Version n+1 = version n with the amendment's changes applied in order. */
export function amendContent(base: VersionContent, changes: readonly AmendmentChange[]): VersionContent {
  return changes.reduce(applyChange, contentOf(base));
}

/** Only the content: `base` may be a whole version record. */
export function contentOf({ document, annexes, parties, effectiveFrom, effectiveUntil, jointBodies, obligations }: VersionContent): VersionContent {
  return { document, annexes, parties, effectiveFrom, effectiveUntil, jointBodies, obligations };
}

/**
 * One change applied to a version's content. The decider has refused changes that do not fit
 * (an added annex or party that exists, a removed one that does not), so an add that meets an
 * existing id replaces it rather than listing it twice: the content never holds duplicates.
 */
export function applyChange(content: VersionContent, change: AmendmentChange): VersionContent {
  switch (change.op) {
    case 'amend-annex':
      return {
        ...content,
        annexes: content.annexes.map((annex) =>
          annex.annexId === change.annexId ? { ...annex, title: change.title ?? annex.title, sha256: change.sha256 } : annex,
        ),
      };
    case 'add-annex': {
      const { op: _op, ...annex } = change;
      return { ...content, annexes: [...content.annexes.filter((a) => a.annexId !== change.annexId), annex] };
    }
    case 'remove-annex':
      return { ...content, annexes: content.annexes.filter((annex) => annex.annexId !== change.annexId) };
    case 'revise-document':
      return { ...content, document: { title: change.title ?? content.document.title, sha256: change.sha256 } };
    case 'add-party':
      return { ...content, parties: [...content.parties.filter((party) => party.partyId !== change.party.partyId), change.party] };
    case 'remove-party':
      return { ...content, parties: content.parties.filter((party) => party.partyId !== change.partyId) };
    case 'revise-party':
      return { ...content, parties: content.parties.map((party) => (party.partyId === change.partyId ? revisedParty(party, change) : party)) };
    case 'add-joint-body':
      return { ...content, jointBodies: [...content.jointBodies.filter((body) => !sameName(body.name, change.jointBody.name)), change.jointBody] };
    case 'remove-joint-body':
      return { ...content, jointBodies: content.jointBodies.filter((body) => !sameName(body.name, change.name)) };
    case 'revise-term':
      // Left out: the base version's date stays; null: that end of the term is open.
      return {
        ...content,
        effectiveFrom: change.effectiveFrom === undefined ? content.effectiveFrom : change.effectiveFrom,
        effectiveUntil: change.effectiveUntil === undefined ? content.effectiveUntil : change.effectiveUntil,
      };
    case 'add-obligation':
      return { ...content, obligations: [...content.obligations.filter((o) => o.obligationId !== change.obligation.obligationId), change.obligation] };
    case 'revise-obligation':
      return { ...content, obligations: content.obligations.map((o) => (o.obligationId === change.obligationId ? revisedObligation(o, change) : o)) };
    case 'remove-obligation':
      return { ...content, obligations: content.obligations.filter((o) => o.obligationId !== change.obligationId) };
    default: {
      const unknown: never = change;
      throw new Error(`unknown amendment change ${JSON.stringify(unknown)}`);
    }
  }
}

/** The party with the fields the change gives; an empty list of names leaves that list out. */
function revisedParty(party: Party, change: Extract<AmendmentChange, { op: 'revise-party' }>): Party {
  const { op: _op, partyId: _id, bodyAliases, otherBodies, ...fields } = change;
  const revised: { -readonly [K in keyof Party]: Party[K] } = { ...party, ...fields };
  if (bodyAliases !== undefined) {
    if (bodyAliases.length > 0) revised.bodyAliases = bodyAliases;
    else delete revised.bodyAliases;
  }
  if (otherBodies !== undefined) {
    if (otherBodies.length > 0) revised.otherBodies = otherBodies;
    else delete revised.otherBodies;
  }
  return revised;
}

/** The obligation with the fields the change gives: a value replaces, null leaves the field out. */
function revisedObligation(obligation: Obligation, change: Extract<AmendmentChange, { op: 'revise-obligation' }>): Obligation {
  const { op: _op, obligationId: _id, ...fields } = change;
  const revised: Record<string, unknown> = { ...obligation };
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) delete revised[key];
    else if (value !== undefined) revised[key] = value;
  }
  return revised as Obligation;
}

import type {
  AgreementDrafted,
  AmendmentChange,
  Annex,
  DocumentRef,
  Party,
} from './agreement-events.js';

/** What a version says: computed once when the version is created, so queries only read it. */
export interface VersionContent {
  readonly document: DocumentRef;
  readonly annexes: readonly Annex[];
  /** In the version's party order: the draft's order, added parties appended. */
  readonly parties: readonly Party[];
}

export function draftContent(draft: AgreementDrafted['data']): VersionContent {
  return { document: draft.document, annexes: draft.annexes, parties: draft.parties };
}

/** Version n+1 = version n with the amendment's changes applied in order. */
export function amendContent(base: VersionContent, changes: readonly AmendmentChange[]): VersionContent {
  // Only the content travels: `base` may be a whole version record.
  const { document, annexes, parties } = changes.reduce(applyChange, base);
  return { document, annexes, parties };
}

function applyChange(content: VersionContent, change: AmendmentChange): VersionContent {
  switch (change.op) {
    case 'amend-annex':
      return {
        ...content,
        annexes: content.annexes.map((annex) =>
          annex.annexId === change.annexId
            ? { ...annex, title: change.title ?? annex.title, sha256: change.sha256 }
            : annex,
        ),
      };
    case 'add-annex':
      return {
        ...content,
        annexes: [...content.annexes.filter((annex) => annex.annexId !== change.annexId), addedAnnex(change)],
      };
    case 'remove-annex':
      return { ...content, annexes: content.annexes.filter((annex) => annex.annexId !== change.annexId) };
    case 'revise-document':
      return { ...content, document: { title: change.title ?? content.document.title, sha256: change.sha256 } };
    case 'add-party':
      return {
        ...content,
        parties: [...content.parties.filter((party) => party.partyId !== change.party.partyId), change.party],
      };
    case 'remove-party':
      return { ...content, parties: content.parties.filter((party) => party.partyId !== change.partyId) };
    default: {
      const unknown: never = change;
      throw new Error(`unknown amendment change ${JSON.stringify(unknown)}`);
    }
  }
}

function addedAnnex(change: Extract<AmendmentChange, { op: 'add-annex' }>): Annex {
  const { annexId, title, sha256 } = change;
  // The API requires a legal basis for a confidential annex; the decider enforces it, not the fold.
  return change.publicity === 'confidential'
    ? { annexId, title, sha256, publicity: 'confidential', legalBasis: change.legalBasis ?? '' }
    : { annexId, title, sha256, publicity: 'public' };
}

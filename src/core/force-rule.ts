import type { AgreementDrafted, ForceRule } from './agreement-events.js';

/** Today's rule, and the rule of every draft recorded before drafts named one. */
export const ALL_PARTIES: ForceRule = { kind: 'all-parties' };

/** The draft's force rule; a draft that names none is all-parties. */
export function forceRuleOf(draft: Pick<AgreementDrafted['data'], 'forceRule'>): ForceRule {
  return draft.forceRule ?? ALL_PARTIES;
}

/** The hub of a hub-and-spoke agreement, else null. */
export function hubOf(rule: ForceRule): string | null {
  return rule.kind === 'hub-and-spoke' ? rule.hub : null;
}


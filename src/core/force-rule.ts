import type { AgreementDrafted, ForceRule, Party } from './agreement-events.js';

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

/**
 * The parties whose approval and signature put a version in force with `spoke` (DESIGN.md
 * "Hub-and-spoke"): the hub and that spoke; under all-parties, every party of the version.
 */
export function partiesBinding(rule: ForceRule, parties: readonly Party[], spoke: string | null): readonly Party[] {
  if (rule.kind === 'all-parties' || spoke === null) return parties;
  return parties.filter((party) => party.partyId === rule.hub || party.partyId === spoke);
}

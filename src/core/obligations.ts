import type { Obligation, Party } from './agreement-events.js';

/**
 * Whom an obligation concerns and whose status it keeps (DESIGN.md "Obligation"), written once
 * for the decider, which checks fulfilments, and for the projections, which answer status.
 */

/** Its convener and `withParties`, or every party of the version without them; in the version's party order. */
export function concernedParties(obligation: Obligation, parties: readonly Party[]): Party[] {
  const named = obligation.withParties;
  if (named === undefined) return [...parties];
  return parties.filter((party) => party.partyId === obligation.convener || named.includes(party.partyId));
}

/**
 * The parties whose status is kept: with each-party everyone it concerns but the convener, who
 * meets them one or several at a time; with joint everyone it concerns, who meet together.
 */
export function accountableParties(obligation: Obligation, parties: readonly Party[]): Party[] {
  const concerned = concernedParties(obligation, parties);
  return obligation.participation === 'joint' ? concerned : concerned.filter((party) => party.partyId !== obligation.convener);
}

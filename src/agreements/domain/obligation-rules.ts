import type { AmendmentChange, AgreementEvent, Obligation } from '../../core/agreement-events.js';
import type { FulfilObligation } from './agreement-commands.js';
import { ObligationNotFound } from './agreement-errors.js';
import type { VersionContent } from '../../core/version-content.js';
import { accountableParties, concernedParties } from '../../core/obligations.js';
import type { ExistingAgreement } from './agreement-state.js';
import { optional, refuse, requireDate, requireOpenOn, requireParty, requirePastDate, requireText, validPartyId } from './decide-guards.js';

/**
 * Obligations (DESIGN.md "Obligation"): duties a version puts on its parties, met by recorded
 * fulfilments. The decider keeps them consistent with the version's parties; whether one is met,
 * due or overdue is a read-side question (projections/obligations.ts).
 */

type Version = Pick<VersionContent, 'parties' | 'obligations'> & { readonly number: number };

/** A draft's obligations, each checked against version 1's parties, no id listed twice. */
export function checkedObligations(obligations: readonly Obligation[], version: Version): Obligation[] {
  const checked: Obligation[] = [];
  obligations.forEach((obligation, i) => {
    if (checked.some((o) => o.obligationId === obligation.obligationId)) {
      throw refuse('duplicate-obligation', `Obligation ${obligation.obligationId} is listed twice.`, `obligations[${i}].obligationId`);
    }
    checked.push(checkedObligation(obligation, version, `obligations[${i}]`));
  });
  return checked;
}

/** An obligation as the log keeps it: party ids normalised, each a party of the version, dueBy only with 'once'. */
export function checkedObligation(obligation: Obligation, version: Version, at: string): Obligation {
  const { obligationId, title, legalBasis, recurrence, participation, dueBy } = obligation;
  requireText(title, `${at}.title`);
  const convener = obligation.convener === undefined ? undefined : validPartyId(obligation.convener, `${at}.convener`);
  const withParties = obligation.withParties?.map((partyId, i) => validPartyId(partyId, `${at}.withParties[${i}]`));
  const checked: Obligation = {
    obligationId,
    title,
    ...optional('legalBasis', legalBasis),
    recurrence,
    participation,
    ...optional('convener', convener),
    ...optional('dueBy', dueBy),
    ...optional('withParties', withParties),
  };
  requireObligationFits(checked, version, at);
  return checked;
}

/**
 * What every obligation of a version must satisfy, also after a change elsewhere removed a party:
 * its convener and withParties are parties of the version, withParties names each once, and only
 * a 'once' obligation has a dueBy.
 */
export function requireObligationFits(obligation: Obligation, version: Version, at: string): void {
  if (obligation.convener !== undefined) requireParty(version, obligation.convener, `${at}.convener`);
  obligation.withParties?.forEach((partyId, i) => {
    requireParty(version, partyId, `${at}.withParties[${i}]`);
    if (obligation.withParties!.indexOf(partyId) !== i) throw refuse('duplicate-party', `${partyId} is listed twice in withParties.`, `${at}.withParties[${i}]`);
  });
  if (obligation.dueBy !== undefined) {
    requireDate(obligation.dueBy, `${at}.dueBy`);
    if (obligation.recurrence !== 'once') {
      throw refuse('due-by-without-once', `Only a 'once' obligation has a dueBy; ${obligation.obligationId} recurs (${obligation.recurrence}).`, `${at}.dueBy`);
    }
  }
}

/** An amendment's obligation change, checked against the version as the earlier changes left it. */
export function checkedObligationChange(
  change: Extract<AmendmentChange, { op: 'add-obligation' | 'revise-obligation' | 'remove-obligation' }>,
  version: Version,
  at: string,
): AmendmentChange {
  switch (change.op) {
    case 'add-obligation':
      if (version.obligations.some((o) => o.obligationId === change.obligation.obligationId)) {
        throw refuse('duplicate-obligation', `The version already has an obligation ${change.obligation.obligationId}; revise it instead.`, `${at}.obligation.obligationId`);
      }
      return { op: change.op, obligation: checkedObligation(change.obligation, version, `${at}.obligation`) };
    case 'revise-obligation': {
      requireObligation(version, change.obligationId, `${at}.obligationId`);
      const { obligationId, title, legalBasis, convener, dueBy, withParties } = change;
      if (title !== undefined) requireText(title, `${at}.title`);
      const checked: AmendmentChange = {
        op: change.op,
        obligationId,
        ...optional('title', title),
        ...optional('legalBasis', legalBasis),
        ...optional('convener', typeof convener === 'string' ? validPartyId(convener, `${at}.convener`) : convener),
        ...optional('dueBy', dueBy),
        ...optional('withParties', withParties?.map((partyId, i) => validPartyId(partyId, `${at}.withParties[${i}]`))),
      };
      if (Object.keys(checked).length === 2) {
        throw refuse('amendment-without-changes', 'A revise-obligation change names at least one of title, legalBasis, convener, dueBy, withParties.', at);
      }
      return checked;
    }
    case 'remove-obligation':
      requireObligation(version, change.obligationId, `${at}.obligationId`);
      return { op: change.op, obligationId: change.obligationId };
  }
}

/** After a change: every obligation still fits the version (a removed party may have been a convener). */
export function requireObligationsFit(version: Version, at: string): void {
  for (const obligation of version.obligations) requireObligationFits(obligation, version, at);
}

function requireObligation(version: Version, obligationId: string, field: string): Obligation {
  const found = version.obligations.find((o) => o.obligationId === obligationId);
  if (found === undefined) throw refuse('unknown-obligation', `Version ${version.number} has no obligation ${obligationId}.`, field);
  return found;
}

/**
 * A negotiation or meeting held to meet an obligation. The parties are judged by the latest
 * version listing it: each must be one it concerns; with each-party the convener (when there is
 * one) meets at least one other, with joint everyone it concerns meets together.
 */
export function fulfilObligation({ data, now }: FulfilObligation, agreement: ExistingAgreement): AgreementEvent[] {
  const version = [...agreement.versions].reverse().find((v) => v.obligations.some((o) => o.obligationId === data.obligationId));
  if (version === undefined) throw new ObligationNotFound(data.obligationId);
  const obligation = version.obligations.find((o) => o.obligationId === data.obligationId)!;
  requirePastDate(data.heldOn, 'heldOn', now);
  requireOpenOn(agreement, data.heldOn, 'heldOn');
  const concerned = concernedParties(obligation, version.parties).map((party) => party.partyId);
  const parties = data.parties.map((raw, i) => {
    const partyId = validPartyId(raw, `parties[${i}]`);
    if (!concerned.includes(partyId)) throw refuse('party-not-concerned', `Obligation ${obligation.obligationId} does not concern ${partyId}.`, `parties[${i}]`);
    return partyId;
  });
  const repeated = parties.findIndex((partyId, i) => parties.indexOf(partyId) !== i);
  if (repeated >= 0) throw refuse('duplicate-party', `${parties[repeated]} is named twice.`, `parties[${repeated}]`);
  requireWhoMet(obligation, version, parties);
  if (data.summary !== undefined) requireText(data.summary, 'summary');
  const { obligationId, heldOn, minutesUrl, summary } = data;
  return [{ type: 'ObligationFulfilled', data: { obligationId, heldOn, parties, ...optional('minutesUrl', minutesUrl), ...optional('summary', summary) } }];
}

function requireWhoMet(obligation: Obligation, version: Version, parties: readonly string[]): void {
  if (obligation.participation === 'joint') {
    const absent = concernedParties(obligation, version.parties).filter((party) => !parties.includes(party.partyId));
    if (absent.length > 0) {
      throw refuse('incomplete-fulfilment', `A joint obligation is met by everyone it concerns together; absent: ${absent.map((p) => p.name).join(', ')}.`, 'parties');
    }
    return;
  }
  if (obligation.convener !== undefined && !parties.includes(obligation.convener)) {
    throw refuse('incomplete-fulfilment', `The convener ${obligation.convener} takes part in every fulfilment of ${obligation.obligationId}.`, 'parties');
  }
  const met = accountableParties(obligation, version.parties).filter((party) => parties.includes(party.partyId));
  if (met.length === 0) throw refuse('incomplete-fulfilment', `A fulfilment of ${obligation.obligationId} names at least one party besides the convener.`, 'parties');
}

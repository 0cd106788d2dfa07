import Type from 'typebox';
import { Compile } from 'typebox/compile';
import type { IsoDate } from './agreement-events.js';

/**
 * Council terms are data, not arithmetic (DESIGN.md "Council terms"): an election law can move a
 * term, as it moved the counties' first one. The table below is extended by configuration
 * (`LEDGER_COUNCIL_TERMS`); the core only ever takes a table as an argument.
 */
export interface CouncilTerm {
  /** The term's first and last day. */
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface CouncilTerms {
  /** Municipal councils; regional councils' terms follow them. Oldest first. */
  readonly municipal: readonly CouncilTerm[];
  /** Wellbeing services county councils. Oldest first. */
  readonly county: readonly CouncilTerm[];
}

export const COUNCIL_TERMS: CouncilTerms = {
  municipal: [
    { from: '2021-08-01', to: '2025-05-31' },
    { from: '2025-06-01', to: '2029-05-31' },
  ],
  county: [
    { from: '2022-03-01', to: '2025-05-31' },
    { from: '2025-06-01', to: '2029-05-31' },
  ],
};

const date = () => Type.String({ format: 'date' });
const terms = () => Type.Array(Type.Object({ from: date(), to: date() }, { additionalProperties: false }), { maxItems: 100 });
const ConfiguredTerms = Compile(Type.Object({ municipal: Type.Optional(terms()), county: Type.Optional(terms()) }, { additionalProperties: false }));

/**
 * The table with the configured terms added (`{municipal: [{from, to}], county: [{from, to}]}`):
 * a term the table already has is kept once; a term ending before it starts, or overlapping
 * another, is refused with an Error naming it.
 */
export function extendedCouncilTerms(base: CouncilTerms, configured: unknown): CouncilTerms {
  if (!ConfiguredTerms.Check(configured)) {
    const [first] = ConfiguredTerms.Errors(configured);
    throw new Error(`council terms must be {municipal: [{from, to}], county: [{from, to}]} with dates YYYY-MM-DD: ${first?.instancePath ?? ''} ${first?.message ?? ''}`);
  }
  return {
    municipal: merged('municipal', base.municipal, configured.municipal ?? []),
    county: merged('county', base.county, configured.county ?? []),
  };
}

function merged(councils: string, base: readonly CouncilTerm[], extra: readonly CouncilTerm[]): CouncilTerm[] {
  const byFrom = new Map<IsoDate, CouncilTerm>();
  for (const term of [...base, ...extra]) {
    const same = byFrom.get(term.from);
    if (same !== undefined && same.to !== term.to) throw new Error(`${councils} council terms from ${term.from} end both on ${same.to} and on ${term.to}`);
    byFrom.set(term.from, { from: term.from, to: term.to });
  }
  const sorted = [...byFrom.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
  sorted.forEach((term, i) => {
    if (term.to < term.from) throw new Error(`the ${councils} council term ${term.from}–${term.to} ends before it starts`);
    const next = sorted[i + 1];
    if (next !== undefined && next.from <= term.to) throw new Error(`the ${councils} council terms ${term.from}–${term.to} and ${next.from}–${next.to} overlap`);
  });
  return sorted;
}

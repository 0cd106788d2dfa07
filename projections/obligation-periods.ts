import type { IsoDate, Obligation, Party } from '../src/core/agreement-events.js';
import type { CouncilTerms } from '../src/core/council-terms.js';
import type { DateInterval } from './date-intervals.js';

/** A period of an obligation: its first and last day; `to` null for a 'once' obligation without dueBy. */
export interface ObligationPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

/**
 * The periods an obligation has at asOf (DESIGN.md "Obligations"): those holding a day ≤ asOf on
 * which it binds, oldest first. `binding` are the `[from, to)` runs on which a version listing it
 * is in force. Council terms are the county's when a wellbeing services county is among the
 * parties it concerns, else the municipal ones; a day outside the table has no council term.
 */
export function obligationPeriods(
  obligation: Obligation,
  concerned: readonly Party[],
  binding: readonly DateInterval[],
  asOf: IsoDate,
  terms: CouncilTerms,
): ObligationPeriod[] {
  const firstDay = binding[0]?.from;
  if (firstDay === undefined || firstDay > asOf) return [];
  switch (obligation.recurrence) {
    case 'once':
      return [{ from: firstDay, to: obligation.dueBy ?? null }];
    case 'annual':
      return calendarYears(firstDay, asOf).filter((year) => bindsWithin(year, binding, asOf));
    case 'council-term': {
      const county = concerned.some((party) => party.kind === 'wellbeing-services-county');
      return (county ? terms.county : terms.municipal).filter((term) => bindsWithin(term, binding, asOf));
    }
  }
}

function calendarYears(from: IsoDate, to: IsoDate): ObligationPeriod[] {
  const years: ObligationPeriod[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const y = String(year).padStart(4, '0');
    years.push({ from: `${y}-01-01`, to: `${y}-12-31` });
  }
  return years;
}

/** Some day of the period, on or before asOf, lies in a binding run (runs end the day before `to`). */
function bindsWithin(period: ObligationPeriod, binding: readonly DateInterval[], asOf: IsoDate): boolean {
  return binding.some((run) => {
    const first = run.from > period.from ? run.from : period.from;
    return first <= asOf && (period.to === null || first <= period.to) && (run.to === null || first < run.to);
  });
}

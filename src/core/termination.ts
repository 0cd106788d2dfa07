import type { IsoDate } from './agreement-events.js';

/**
 * "Terminated as of a date", written once: a termination takes effect on its `effectiveOn` and
 * holds from then on; before it, the agreement is not terminated (DESIGN.md "Terminations").
 */
export function terminatedAsOf(terminatedOn: IsoDate | null | undefined, date: IsoDate): boolean {
  return terminatedOn !== null && terminatedOn !== undefined && terminatedOn <= date;
}

/** The termination date as it stands at `date`: the date once it has arrived, else null. */
export function terminationAsOf(terminatedOn: IsoDate | null, date: IsoDate): IsoDate | null {
  return terminatedAsOf(terminatedOn, date) ? terminatedOn : null;
}

import type { IsoDate } from '../src/core/agreement-events.js';

/**
 * A set of calendar dates as sorted, disjoint `[from, to)` runs; `to: null` runs forever.
 * `YYYY-MM-DD` strings order like the dates they name, so plain string comparison is enough.
 */
export interface DateInterval {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

export const never: readonly DateInterval[] = [];

/** The first day `YYYY-MM-DD` can name: a run from it has no beginning that matters. */
export const SINCE_EVER: IsoDate = '0000-01-01';

export function onAndAfter(date: IsoDate): readonly DateInterval[] {
  return [{ from: date, to: null }];
}

/**
 * The dates where `holdsOn` is true, for a predicate that is false before the first change date
 * and can only change on a change date. Every rule here is such a predicate: all inputs are dates.
 */
export function whereHolds(changeDates: Iterable<IsoDate>, holdsOn: (date: IsoDate) => boolean): DateInterval[] {
  const runs: DateInterval[] = [];
  let openSince: IsoDate | null = null;
  for (const date of sortedUnique(changeDates)) {
    const holds = holdsOn(date);
    if (holds && openSince === null) openSince = date;
    if (!holds && openSince !== null) {
      runs.push({ from: openSince, to: date });
      openSince = null;
    }
  }
  if (openSince !== null) runs.push({ from: openSince, to: null });
  return runs;
}

export function intersect(a: readonly DateInterval[], b: readonly DateInterval[]): DateInterval[] {
  const both: DateInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    const from = x.from > y.from ? x.from : y.from;
    const to = earlierEnd(x.to, y.to);
    if (to === null || from < to) both.push({ from, to });
    if (x.to === null && y.to === null) break;
    if (y.to === null || (x.to !== null && x.to <= y.to)) i++;
    else j++;
  }
  return both;
}

export function covers(intervals: readonly DateInterval[], date: IsoDate): boolean {
  return intervals.some((run) => run.from <= date && (run.to === null || date < run.to));
}

export function sortedUnique(dates: Iterable<IsoDate>): IsoDate[] {
  return [...new Set(dates)].sort();
}

function earlierEnd(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

import type { KnownAt } from '../../projections/index.js';

/**
 * `knownAt` as a query gives it — an ISO 8601 instant (recorded time) or a log position — and
 * what a position means for one agreement: the last revision of its stream at or before it. The
 * API and `ledger replay` read it here alike, so both answer the same question the same way.
 */
export type KnownAtArgument = { readonly recordedAt: string } | { readonly position: string };

/** Undefined when `raw` is neither a valid instant nor, by `isPosition`, a position. */
export function parseKnownAt(raw: string, isPosition: (raw: string) => boolean): KnownAtArgument | undefined {
  if (/^\d{4}-\d{2}-\d{2}T/.test(raw)) return Number.isNaN(Date.parse(raw)) ? undefined : { recordedAt: new Date(raw).toISOString() };
  return isPosition(raw) ? { position: raw } : undefined;
}

/** A position as a known revision: the stream's events (revision order) compared with `atOrBefore`; -1 when none is. */
export function knownAtPosition(events: Iterable<{ readonly revision: number; readonly position: string }>, atOrBefore: (position: string) => boolean): KnownAt {
  let revision = -1;
  for (const event of events) if (atOrBefore(event.position)) revision = event.revision;
  return { revision };
}

import type { AgreementEvent, IsoDate } from '../src/core/agreement-events.js';

/**
 * One event as the log recorded it. Array order is log order: the fold never sorts by
 * `recordedAt` (server clocks can tie or step back), it only filters by it.
 */
export interface RecordedEvent {
  readonly event: AgreementEvent;
  /** The event's id in the log: annulments and reversals name decisions and annulments by it. */
  readonly eventId: string;
  /** Revision in the agreement's stream, from 0 as in EventStoreDB. */
  readonly revision: number;
  /** Global log position; opaque, never compared here. */
  readonly position: string;
  /** ISO instant the server recorded the event. */
  readonly recordedAt: string;
}

/** Where and when the ledger learned a fact. */
export interface Stamp {
  readonly eventId: string;
  readonly revision: number;
  readonly position: string;
  readonly recordedAt: string;
}

/** A fact's data with the stamp of the event that recorded it. */
export interface Recorded<T> extends Stamp {
  readonly data: T;
}

/**
 * "As the ledger knew it at K": events recorded at or before `recordedAt` and/or at or before
 * stream `revision`. Both limits apply when both are given; neither = everything recorded.
 */
export interface KnownAt {
  readonly recordedAt?: string;
  readonly revision?: number;
}

/** A question about one agreement: what held on `asOf`, as known at `knownAt`. */
export interface AsOfQuery {
  readonly asOf: IsoDate;
  readonly knownAt?: KnownAt;
}

/** A predicate on stamps for one `knownAt`; parses the instant once, not per fact. */
export function knownBy(knownAt: KnownAt | undefined): (stamp: Stamp) => boolean {
  const revision = knownAt?.revision;
  const instant = knownAt?.recordedAt === undefined ? undefined : instantMillis(knownAt.recordedAt);
  if (revision === undefined && instant === undefined) return () => true;
  return (stamp) =>
    (revision === undefined || stamp.revision <= revision) &&
    (instant === undefined || instantMillis(stamp.recordedAt) <= instant);
}

/** Instants are compared as instants, not strings: `…00Z` and `…00.000Z` are the same moment. */
function instantMillis(iso: string): number {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new RangeError(`not an ISO instant: ${iso}`);
  return millis;
}

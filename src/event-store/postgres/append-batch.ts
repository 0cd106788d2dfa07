import { DuplicateEventIdError } from '../errors.js';
import type { EventToAppend, ExpectedRevision } from '../event-store.port.js';
import { checkExpectedRevision } from '../expected-revision.js';
import { canonicalJson, GENESIS_HASH, sealEvent } from '../../core/hash-chain.js';

/** One caller's append waiting for the next group commit; its event ids are fixed when it is queued. */
export interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly eventIds: readonly string[];
  readonly expectedRevision: ExpectedRevision;
}

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/** Where an event id already lives: in the log, or earlier in this very batch (position still unknown). */
export interface KnownEvent {
  readonly streamId: string;
  readonly revision: number;
}

export interface EventRow {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
}

/** Accepted (written now or an idempotent replay): the result's position is the last event id's. */
export type PlannedOutcome =
  | { readonly ok: true; readonly nextExpectedRevision: bigint; readonly lastEventId: string }
  | { readonly ok: false; readonly error: unknown };

export interface BatchPlan {
  readonly rows: readonly EventRow[];
  readonly outcomes: readonly PlannedOutcome[];
}

/**
 * Decides a group commit in memory, given the heads of its streams and the stored events sharing
 * its ids, both read under the append lock: each append is checked against the heads as the
 * appends before it in the batch left them, and sealed onto its stream's chain. A refused append
 * contributes no row, so it leaves the others intact without a savepoint.
 */
export function planBatch(
  batch: readonly PendingAppend[],
  heads: ReadonlyMap<string, StreamHead>,
  stored: ReadonlyMap<string, KnownEvent>,
  recordedAt: string,
): BatchPlan {
  const headNow = new Map(heads);
  const known = new Map(stored);
  const rows: EventRow[] = [];
  const outcomes = batch.map((pending): PlannedOutcome => {
    try {
      const replayed = idempotentReplay(pending, known);
      if (replayed) return replayed;
      const head = headNow.get(pending.streamId);
      checkExpectedRevision(pending.streamId, pending.expectedRevision, BigInt(head?.revision ?? -1));
      let prevHash = head?.hash ?? GENESIS_HASH;
      let revision = head?.revision ?? -1;
      pending.events.forEach((event, i) => {
        revision++;
        const eventId = pending.eventIds[i]!;
        const data = canonicalJson(event.data);
        const metadata = sealEvent(
          prevHash,
          { eventId, streamId: pending.streamId, revision, type: event.type, data: event.data, metadata: { ...event.metadata, recordedAt } },
          data,
        );
        prevHash = metadata.hash as string;
        rows.push({ eventId, streamId: pending.streamId, revision, type: event.type, data, metadata: JSON.stringify(metadata), hash: prevHash });
        known.set(eventId, { streamId: pending.streamId, revision });
      });
      headNow.set(pending.streamId, { revision, hash: prevHash });
      return { ok: true, nextExpectedRevision: BigInt(revision), lastEventId: pending.eventIds.at(-1)! };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { rows, outcomes };
}

/**
 * As EventStoreDB, and as the SQLite store: appending events whose ids are already stored, in the
 * same stream and order, is accepted with the first append's result and writes nothing; a partial
 * or foreign overlap is refused.
 */
function idempotentReplay(pending: PendingAppend, known: ReadonlyMap<string, KnownEvent>): PlannedOutcome | undefined {
  const ids = pending.eventIds;
  if (new Set(ids).size !== ids.length) {
    throw new DuplicateEventIdError(ids.find((id, i) => ids.indexOf(id) !== i)!, 'appears twice in one append');
  }
  const found = ids.map((id) => known.get(id));
  if (found.every((event) => event === undefined)) return undefined;
  const first = found[0];
  const sameWrite =
    first !== undefined && found.every((event, i) => event !== undefined && event.streamId === pending.streamId && event.revision === first.revision + i);
  if (!sameWrite) throw new DuplicateEventIdError(ids[found.findIndex((event) => event !== undefined)]!, 'is already stored as part of another append');
  return { ok: true, nextExpectedRevision: BigInt(found.at(-1)!.revision), lastEventId: ids.at(-1)! };
}

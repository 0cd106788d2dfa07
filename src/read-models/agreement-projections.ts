import { decodeAgreementEvent } from '../core/agreement-contract.js';
import type { IsoDate } from '../core/agreement-events.js';
import { agreementStreamId } from '../core/stream-names.js';
import type { EventStore, StoredEvent } from '../event-store/event-store.port.js';
import { evolve, initialAgreementProjection, status, type AgreementProjection, type RecordedEvent, type Status } from '../../projections/index.js';

interface Entry {
  readonly state: AgreementProjection;
  /** Today's status (no knownAt) by asOf: most queries ask it, and it only changes with the state. */
  readonly statusByAsOf: Map<IsoDate, Status | null>;
}

/** A stored event as the projections read it: decoded by the core, the one way every reader decodes. */
export function toRecorded(event: StoredEvent): RecordedEvent {
  return decodeAgreementEvent(event);
}

/**
 * Agreement projection states in memory, least recently used leaving first. The runner keeps them
 * current as events arrive; a state not in memory is folded from its stream, which the log keeps
 * anyway, so the read models need not store a second copy of every event.
 */
export class AgreementProjections {
  /** Least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: EventStore,
    readonly capacity = 50_000,
  ) {}

  /** The current state, from memory or folded from the stream (up to `belowRevision` when given). */
  async get(agreementId: string, belowRevision?: number): Promise<AgreementProjection> {
    const entry = this.entries.get(agreementId);
    if (entry) return this.touch(agreementId, entry).state;
    const events = await this.store.readStream(agreementStreamId(agreementId), belowRevision === undefined ? {} : { maxCount: belowRevision });
    const state = events.reduce((s, e) => evolve(s, toRecorded(e)), initialAgreementProjection());
    // A state folded only part of the way (for the runner) is not what a query may be shown.
    if (belowRevision === undefined) this.put(agreementId, state);
    return state;
  }

  /** The state in memory, if any, without touching the stream. */
  peek(agreementId: string): AgreementProjection | undefined {
    return this.entries.get(agreementId)?.state;
  }

  put(agreementId: string, state: AgreementProjection): void {
    this.touch(agreementId, { state, statusByAsOf: new Map() });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** `status(state, {asOf})`, computed once per state and date. */
  async statusOn(agreementId: string, asOf: IsoDate): Promise<Status | null> {
    await this.get(agreementId);
    const entry = this.entries.get(agreementId)!;
    if (!entry.statusByAsOf.has(asOf)) {
      if (entry.statusByAsOf.size >= 8) entry.statusByAsOf.clear();
      entry.statusByAsOf.set(asOf, status(entry.state, { asOf }));
    }
    return entry.statusByAsOf.get(asOf)!;
  }

  clear(): void {
    this.entries.clear();
  }

  private touch(agreementId: string, entry: Entry): Entry {
    this.entries.delete(agreementId);
    this.entries.set(agreementId, entry);
    return entry;
  }
}

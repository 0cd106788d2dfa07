import { decodeAgreementEvent } from '../core/agreement-contract.js';
import type { IsoDate } from '../core/agreement-events.js';
import { agreementStreamId } from '../core/stream-names.js';
import type { EventStore, StoredEvent } from '../event-store/event-store.port.js';
import { evolve, initialAgreementProjection, revisionOf, status, type AgreementProjection, type RecordedEvent, type Status } from '../../projections/index.js';

interface Entry {
  readonly state: AgreementProjection;
  /**
   * Today's status (no knownAt) by asOf: most queries ask it, and it only changes with the state.
   * Made at the first query: the runner replaces states far more often than queries read them.
   */
  statusByAsOf?: Map<IsoDate, Status | null>;
}

/** A query's fold of a stream, under way. */
interface Load {
  readonly done: Promise<AgreementProjection>;
  /** The newest state stored while the stream was being read: the read may have seen less. */
  newest: AgreementProjection;
}

/** A stored event as the projections read it: decoded by the core, the one way every reader decodes. */
export function toRecorded(event: StoredEvent): RecordedEvent {
  return decodeAgreementEvent(event);
}

/**
 * Agreement projection states in memory, least recently used leaving first. The runner keeps them
 * current as events arrive; a state not in memory is folded from its stream, which the log keeps
 * anyway, so the read models need not store a second copy of every event.
 *
 * A state is only ever replaced by a newer one (a higher stream revision). A query's read of the
 * stream can answer after the runner has stored a later state (a network store's reads take time),
 * and a stale fold stored over it would be served as current and, once committed, leave the
 * runner's next event a revision gap.
 */
export class AgreementProjections {
  /** Least recently used first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  /**
   * Folds under way, by agreement: queries missing the same agreement share one. A state stored
   * meanwhile is noted in it, so the fold cannot replace that state even if memory dropped it.
   */
  private readonly loads = new Map<string, Load>();
  /** The last key of `entries`: touching it again needs no reordering. */
  private newest?: string;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    readonly capacity = 50_000,
  ) {}

  /** The current state, from memory or folded from the stream. */
  async get(agreementId: string): Promise<AgreementProjection> {
    const entry = this.entries.get(agreementId);
    if (entry) return this.touch(agreementId, entry).state;
    return (this.loads.get(agreementId) ?? this.load(agreementId)).done;
  }

  /** The state before `revision`, folded from the stream for the runner; not kept, not what a query may be shown. */
  async foldBelow(agreementId: string, revision: number): Promise<AgreementProjection> {
    if (revision === 0) return initialAgreementProjection(); // a draft: nothing to read
    return fold(await this.store.readStream(agreementStreamId(agreementId), { maxCount: revision }));
  }

  /** The state in memory, if any, without touching the stream. */
  peek(agreementId: string): AgreementProjection | undefined {
    return this.entries.get(agreementId)?.state;
  }

  /** Keeps `state` unless memory holds a newer one for the agreement; returns the state kept. */
  put(agreementId: string, state: AgreementProjection): AgreementProjection {
    const load = this.loads.get(agreementId);
    if (load && revisionOf(state) > revisionOf(load.newest)) load.newest = state;
    const entry = this.entries.get(agreementId);
    // An equal revision is the same state: keeping the entry keeps its computed statuses.
    if (entry && revisionOf(entry.state) >= revisionOf(state)) return this.touch(agreementId, entry).state;
    this.touch(agreementId, { state });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      if (oldest === this.newest) this.newest = undefined;
    }
    return state;
  }

  /** `status(state, {asOf})`, computed once per state and date. */
  async statusOn(agreementId: string, asOf: IsoDate): Promise<Status | null> {
    const state = await this.get(agreementId);
    // Memory may have dropped the entry since (other agreements came in): then answer uncached.
    const entry: Entry = this.entries.get(agreementId) ?? { state };
    const byAsOf = (entry.statusByAsOf ??= new Map());
    if (!byAsOf.has(asOf)) {
      if (byAsOf.size >= 8) byAsOf.clear();
      byAsOf.set(asOf, status(entry.state, { asOf }));
    }
    return byAsOf.get(asOf)!;
  }

  clear(): void {
    this.entries.clear();
    this.newest = undefined;
  }

  private load(agreementId: string): Load {
    const load: Load = {
      newest: initialAgreementProjection(),
      done: this.store.readStream(agreementStreamId(agreementId)).then(
        (events) => {
          // Done before folding, so a stream that fails to fold is read afresh by the next query.
          this.loads.delete(agreementId);
          const folded = fold(events);
          return this.put(agreementId, revisionOf(load.newest) > revisionOf(folded) ? load.newest : folded);
        },
        (error: unknown) => {
          this.loads.delete(agreementId);
          throw error;
        },
      ),
    };
    this.loads.set(agreementId, load);
    return load;
  }

  private touch(agreementId: string, entry: Entry): Entry {
    // An agreement's events mostly arrive a few at a time: the one touched last is often touched again.
    if (agreementId !== this.newest) {
      this.entries.delete(agreementId);
      this.newest = agreementId;
    }
    this.entries.set(agreementId, entry);
    return entry;
  }
}

function fold(events: readonly StoredEvent[]): AgreementProjection {
  return events.reduce((state, event) => evolve(state, toRecorded(event)), initialAgreementProjection());
}

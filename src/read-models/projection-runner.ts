import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port.js';
import { helsinkiDate } from '../core/helsinki-date.js';
import { AGREEMENT_STREAM_PREFIX as STREAM_PREFIX } from '../core/stream-names.js';
import { evolve, type AgreementProjection } from '../../projections/index.js';
import { AgreementProjections, toRecorded } from './agreement-projections.js';
import type { ReadModelStore } from './read-model-store.js';

/** Changed agreements a rebuild holds before it commits on the way to the head. */
const REBUILD_DIRTY_LIMIT = 200_000;
/** Longest a live event waits for its commit while events keep arriving. */
const COMMIT_INTERVAL_MS = 50;

export interface ProjectionRunnerOptions {
  /** Events applied before the rows and checkpoint are committed while catching up. */
  readonly batchSize?: number;
  /** Where states live between events; shared with the queries. */
  readonly projections?: AgreementProjections;
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
}

/**
 * Feeds the log to the pure projection folds and persists the result. One event at a time, in
 * log order, from the read models' own checkpoint; changed agreements are committed with the
 * checkpoint in one transaction, in batches while catching up and as soon as the log goes quiet
 * when live. States stay in memory between commits, so an agreement touched again is neither
 * read back nor parsed, and each commit writes only the agreements that changed.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private running?: Promise<void>;
  private readonly projections: AgreementProjections;
  /** Changed since the last commit; held here so eviction from memory cannot lose a change. */
  private readonly dirty = new Map<string, AgreementProjection>();
  private applied?: string;
  private committed?: string;
  private pending = 0;
  private flushScheduled = false;
  /** Events applied so far, to tell a quiet log from a busy one. */
  private appliedCount = 0;
  private lastCommitAt = Date.now();
  private readonly waiters = new Set<{ position: string; resolve: () => void }>();
  private readonly batchSize: number;
  private readonly now: () => Date;
  private failure?: unknown;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    // Large: states stay in memory, so a bigger batch only means fewer rewrites of each summary
    // while catching up; live events are committed as soon as the log goes quiet anyway.
    this.batchSize = options.batchSize ?? 100_000;
    this.projections = options.projections ?? new AgreementProjections(store);
    this.now = options.now ?? (() => new Date());
    this.committed = readModels.checkpoint();
    this.applied = this.committed;
  }

  /** Starts consuming; resolves once the subscription is open, not when caught up. */
  start(): void {
    this.subscription = this.store.subscribeAll({ fromPosition: this.committed });
    this.running = this.consume(this.subscription).catch((error: unknown) => {
      this.failure = error;
      this.options.onError?.(error);
    });
  }

  /** Rebuild from the start of the log until its current head, then stop. For `ledger rebuild` and benches. */
  async runToHead(): Promise<number> {
    const head = await this.store.headPosition();
    let count = 0;
    if (head === undefined) return 0;
    let after = this.committed;
    for (;;) {
      // Pages of a thousand stay in V8's young generation; ten thousand measured twice the GC time.
      const page = await this.store.readAll({ fromPosition: after, maxCount: 1000 });
      for (const event of page) {
        // Only a state that is not in memory needs a read; the rest apply without a promise each.
        const reading = this.apply(event);
        if (reading !== undefined) await reading;
        count++;
        // A rebuild commits once at the head: each summary is then computed once. Only a log with
        // more changed agreements than memory should hold commits on the way.
        if (this.dirty.size >= REBUILD_DIRTY_LIMIT) this.flush();
      }
      if (page.length === 0) break;
      after = page[page.length - 1]!.position;
      if (this.store.comparePositions(after, head) >= 0) break;
    }
    this.flush();
    return count;
  }

  private async consume(subscription: Subscription): Promise<void> {
    for await (const event of subscription) {
      const reading = this.apply(event);
      if (reading !== undefined) await reading;
      if (this.pending >= this.batchSize) this.flush();
      else this.scheduleFlush();
    }
  }

  /** Applies the event; returns a promise only when its agreement's state had to be read first. */
  private apply(event: StoredEvent): Promise<void> | undefined {
    this.applied = event.position;
    this.pending++;
    this.appliedCount++;
    if (!event.streamId.startsWith(STREAM_PREFIX)) return undefined;
    const agreementId = event.streamId.slice(STREAM_PREFIX.length);
    const current = this.dirty.get(agreementId) ?? this.projections.peek(agreementId);
    if (current !== undefined) {
      this.evolveAgreement(agreementId, current, event);
      return undefined;
    }
    // Not in memory (evicted, or the server restarted): fold the stream up to this event. Memory
    // never holds a state older than one stored here, so whatever it holds reaches this event.
    return this.projections.foldBelow(agreementId, event.revision).then((state) => this.evolveAgreement(agreementId, state, event));
  }

  private evolveAgreement(agreementId: string, current: AgreementProjection, event: StoredEvent): void {
    // evolve ignores an event the state already holds (a query may have folded further ahead).
    const next = evolve(current, toRecorded(event));
    // A query that folded further ahead meanwhile keeps its state in memory; the commit holds ours.
    this.projections.put(agreementId, next);
    this.dirty.set(agreementId, next);
  }

  /**
   * Live events are committed once a whole event-loop turn passes without a new one (a burst
   * shares one transaction; a catch-up, which yields between pages, is not committed page by
   * page), and at least every COMMIT_INTERVAL_MS while events keep coming, so read-your-writes
   * never waits on a busy log.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    let seen = this.appliedCount;
    const check = (): void => {
      const quiet = this.appliedCount === seen;
      if (quiet || Date.now() - this.lastCommitAt >= COMMIT_INTERVAL_MS) {
        this.flushScheduled = false;
        this.flush();
        return;
      }
      seen = this.appliedCount;
      setImmediate(check);
    };
    setImmediate(check);
  }

  private flush(): void {
    if (this.applied === undefined || this.applied === this.committed) return;
    this.readModels.commit(this.dirty.values(), this.applied, helsinkiDate(this.now()));
    this.lastCommitAt = Date.now();
    this.dirty.clear();
    this.pending = 0;
    this.committed = this.applied;
    for (const waiter of this.waiters) {
      if (this.store.comparePositions(waiter.position, this.committed) <= 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** The position the read models reflect (committed), or undefined before the first event. */
  get position(): string | undefined {
    return this.committed;
  }

  get error(): unknown {
    return this.failure;
  }

  /** Read-your-writes: resolves true once the read models include `position`, false after the timeout. */
  waitFor(position: string, timeoutMs: number): Promise<boolean> {
    this.store.comparePositions(position, position); // refuses a position this store never issued
    if (this.committed !== undefined && this.store.comparePositions(position, this.committed) <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.flush();
    for (const waiter of this.waiters) waiter.resolve();
  }
}

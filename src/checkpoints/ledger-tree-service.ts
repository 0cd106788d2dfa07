import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port.js';
import { AGREEMENT_STREAM_PREFIX } from '../core/stream-names.js';
import { MerkleTree, eventLeafHash } from '../core/merkle-tree.js';
import { formatNote, signNoteText } from '../core/signed-note.js';
import { formatCheckpoint } from '../core/tlog-checkpoint.js';
import type { LedgerTreeStore, LeafToAppend, StoredCheckpoint } from './ledger-tree-store.js';
import type { LogKeys } from './log-keys.js';

/** Leaves held before they are committed while catching up. */
const BATCH = 1000;

/**
 * On a server store: checkpoints are kept in the store every instance shares, and only the
 * instance holding the signing lease signs; each instance copies them into its own tree file.
 */
export interface CheckpointPublisher {
  /** Whether this instance signs now. */
  readonly signs: boolean;
  /** Keeps a checkpoint signed here where every instance reads it (refusing a second root for its size), and copies what is new into this instance's file. */
  publish(checkpoint: StoredCheckpoint): Promise<void>;
}

export interface LedgerTreeOptions {
  readonly publisher?: CheckpointPublisher;
  /** Seconds after an append by which a checkpoint is signed; 0 = after every commit. */
  readonly intervalSeconds: number;
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
}

/** The log no longer extends what the log signed: nothing more is signed until an operator looks. */
export class LedgerTreeMismatchError extends Error {
  override readonly name = 'LedgerTreeMismatchError';
}

/**
 * The ledger tree's log consumer: every agreement event, in position order, becomes a leaf
 * (`SHA-256(0x00 ‖ hash)`); the leaves and the position reached are committed together, so a
 * restart resumes exactly where it stopped. Checkpoints are signed at most `intervalSeconds` after
 * an append, each only after checking that the tree still holds the root last signed, so the log
 * never signs two roots for one size nor a history that does not extend the last one.
 */
export class LedgerTreeService {
  readonly tree: MerkleTree;
  private subscription?: Subscription;
  private running?: Promise<void>;
  private pending: LeafToAppend[] = [];
  private pendingPosition?: string;
  private flushScheduled = false;
  private checkpointTimer?: NodeJS.Timeout;
  private failure?: unknown;
  /** Whether the tree has been checked against the latest checkpoint since start (a rebuilt tree is, once it reaches its size). */
  private checkedSigned = false;
  private stopped = false;
  private readonly now: () => Date;
  private publishing: Promise<void> = Promise.resolve();
  private readonly waiters = new Set<{ position: string; signed: boolean; resolve: (reached: boolean) => void }>();

  constructor(
    private readonly store: EventStore,
    readonly treeStore: LedgerTreeStore,
    readonly keys: LogKeys,
    private readonly options: LedgerTreeOptions,
  ) {
    this.tree = new MerkleTree(treeStore);
    this.now = options.now ?? (() => new Date());
  }

  /** Signs what the tree holds if no checkpoint has that size yet, then follows the log. */
  start(): void {
    this.checkpoint();
    this.subscription = this.store.subscribeAll({ fromPosition: this.treeStore.position });
    this.running = this.consume(this.subscription).catch((error: unknown) => this.fail(error));
  }

  /** Stops at a committed position; a checkpoint still due is signed now rather than lost with the timer. */
  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.flush();
    this.stopped = true;
    if (this.checkpointTimer !== undefined) {
      clearTimeout(this.checkpointTimer);
      this.checkpointTimer = undefined;
      this.checkpoint();
    }
    await this.publishing;
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters.clear();
  }

  get error(): unknown {
    return this.failure;
  }

  private async consume(subscription: Subscription): Promise<void> {
    for await (const event of subscription) {
      this.add(event);
      if (this.pending.length >= BATCH) this.flush();
      else this.scheduleFlush();
    }
  }

  private add(event: StoredEvent): void {
    this.pendingPosition = event.position;
    // Non-agreement streams (DESIGN.md "Several instances") stay out of the tree and of exports.
    if (!event.streamId.startsWith(AGREEMENT_STREAM_PREFIX)) return;
    this.pending.push({ eventId: event.eventId, streamId: event.streamId, position: event.position, hash: eventLeafHash(String(event.metadata.hash)) });
  }

  /** Commits once an event-loop turn passes without a new event: a burst (or a page of catch-up) is one transaction. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.pendingPosition === undefined) return;
    const appended = this.pending.length > 0;
    this.treeStore.appendEvents(this.tree, this.pending, this.pendingPosition);
    this.pending = [];
    this.pendingPosition = undefined;
    this.checkSigned();
    this.settleWaiters();
    if (appended) this.scheduleCheckpoint();
  }

  private scheduleCheckpoint(): void {
    if (this.stopped) return;
    if (this.options.intervalSeconds === 0) {
      this.checkpoint();
      return;
    }
    if (this.checkpointTimer !== undefined) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      this.checkpoint();
    }, this.options.intervalSeconds * 1000);
    this.checkpointTimer.unref();
  }

  /** Signs the tree at its current size, unless a checkpoint of that size exists; returns the latest. */
  checkpoint(): StoredCheckpoint | undefined {
    if (this.failure !== undefined) return this.treeStore.latestCheckpoint();
    try {
      const latest = this.treeStore.latestCheckpoint();
      const size = this.tree.size;
      // A tree rebuilt from the log is behind the checkpoints until it catches up: it signs nothing meanwhile.
      if (latest !== undefined && latest.treeSize >= size) {
        if (latest.treeSize === size) this.assertExtends(latest);
        return latest;
      }
      if (latest !== undefined) this.assertExtends(latest);
      const { publisher } = this.options;
      if (publisher !== undefined && !publisher.signs) return latest;
      const rootHash = this.tree.root(size);
      const signer = this.keys.signer;
      const text = formatCheckpoint({ origin: signer.name, treeSize: size, rootHash });
      const checkpoint: StoredCheckpoint = {
        treeSize: size,
        rootHash,
        ...(this.treeStore.position !== undefined && { position: this.treeStore.position }),
        timestamp: this.now().toISOString(),
        origin: signer.name,
        keyId: this.keys.signerKeyId,
        note: formatNote({ text, signatures: [signNoteText(text, signer)] }),
      };
      if (publisher !== undefined) {
        // A store that did not answer fails this checkpoint only (the next append's signs); a changed log stops signing.
        this.publishing = this.publishing
          .then(() => publisher.publish(checkpoint))
          .then(
            () => this.checkpointsArrived(),
            (error: unknown) => (error instanceof LedgerTreeMismatchError ? this.fail(error) : this.options.onError?.(error)),
          );
        return latest;
      }
      this.treeStore.insertCheckpoint(checkpoint);
      this.settleWaiters();
      return checkpoint;
    } catch (error) {
      this.fail(error);
      return this.treeStore.latestCheckpoint();
    }
  }

  /** Checkpoints were copied into the tree file (from the store every instance shares). */
  checkpointsArrived(): void {
    this.checkSigned();
    this.settleWaiters();
  }

  /** Once the tree reaches the latest signed size after a start, its root there must be the signed one. */
  private checkSigned(): void {
    if (this.checkedSigned || this.failure !== undefined) return;
    const latest = this.treeStore.latestCheckpoint();
    if (latest !== undefined && latest.treeSize > this.tree.size) return;
    this.checkedSigned = true;
    try {
      if (latest !== undefined) this.assertExtends(latest);
    } catch (error) {
      this.fail(error);
    }
  }

  /** The tree must still give the root signed at that size; otherwise the log under it changed. */
  private assertExtends(signed: StoredCheckpoint): void {
    if (signed.treeSize > this.tree.size) return;
    if (!this.tree.root(signed.treeSize).equals(signed.rootHash)) {
      throw new LedgerTreeMismatchError(
        `the ledger tree's root at size ${signed.treeSize} is not the one signed on ${signed.timestamp}: the log was changed; no further checkpoint is signed`,
      );
    }
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.options.onError?.(error);
  }

  /** Resolves true once the tree (or, with `signed`, a checkpoint) covers `position`; false after the timeout. */
  waitFor(position: string, options: { signed: boolean; timeoutMs: number }): Promise<boolean> {
    this.store.comparePositions(position, position); // refuses a position this store never issued
    if (this.reached(position, options.signed)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        signed: options.signed,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), options.timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private reached(position: string, signed: boolean): boolean {
    const covered = signed ? this.treeStore.latestCheckpoint()?.position : this.treeStore.position;
    return covered !== undefined && this.store.comparePositions(position, covered) <= 0;
  }

  private settleWaiters(): void {
    for (const waiter of this.waiters) if (this.reached(waiter.position, waiter.signed)) waiter.resolve(true);
  }
}

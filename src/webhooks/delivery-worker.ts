import type { QueuedMessage } from './outbox.js';
import { judgeAttempt } from './retry-policy.js';
import { sendWebhook } from './send-webhook.js';
import { signatureHeader } from './signatures.js';
import { SubscriptionStore } from './subscription-store.js';
import { WebhookConnections } from './webhook-connections.js';
import type { OutboxStorage, SubscriptionStorage } from './webhook-storage.js';

/** How an attempt ended, as its record says: a failure `retrying` goes again later, `gone` was a 410. */
export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'gone';

export interface DeliveryOptions {
  readonly timeoutMs: number;
  readonly retryScheduleMs: readonly number[];
  readonly disableAfterMs: number;
  readonly allowPrivateNetworks: boolean;
  /** Deliveries in flight at once, over all subscriptions; each subscription has at most one. */
  readonly concurrency: number;
  readonly now: () => Date;
  readonly random?: () => number;
  readonly onError?: (error: unknown) => void;
}

/** setTimeout's longest delay; a later due time is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends the outbox: each subscription's first pending message once it is due, one at a time per
 * subscription (so a receiver gets its messages in position order, a failing one holding back the
 * rest until it is delivered or has failed), up to `concurrency` subscriptions at once.
 */
export class DeliveryWorker {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly attemptListeners = new Set<(outcome: DeliveryOutcome) => void>();
  private readonly connections = new WebhookConnections();
  private readonly pendingWrites: { write: () => Promise<void>; resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** The batch being written: batches are written one after another. */
  private writing: Promise<void> = Promise.resolve();
  /** A pump reading the outbox; a wake meanwhile pumps again after it, so no two choose the same message. */
  private pumping?: Promise<void>;
  private pumpAgain = false;
  private timer?: NodeJS.Timeout;
  private wakeQueued = false;
  private stopped = true;

  constructor(
    private readonly outbox: OutboxStorage,
    private readonly subscriptions: SubscriptionStorage,
    private readonly options: DeliveryOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Tells `listener` how each recorded attempt ended; returns the way to stop telling it. */
  onAttempt(listener: (outcome: DeliveryOutcome) => void): () => void {
    this.attemptListeners.add(listener);
    return () => this.attemptListeners.delete(listener);
  }

  /** Something may have become due: new messages, a retry asked for, a subscription enabled. */
  wake(): void {
    if (this.wakeQueued || this.stopped) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      if (this.pumping !== undefined) {
        this.pumpAgain = true;
        return;
      }
      this.pumping = this.pump()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          this.pumping = undefined;
          if (this.pumpAgain) {
            this.pumpAgain = false;
            this.wake();
          }
        });
    });
  }

  /**
   * Stops at once: attempts still waiting for an answer are not recorded (their messages stay
   * pending and go again, with the same webhook-id, after a restart), so shutting down never
   * waits for a slow receiver.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pumping;
    this.connections.close();
    await this.writeBatch();
  }

  private async pump(): Promise<void> {
    if (this.stopped) return;
    const free = this.options.concurrency - this.inFlight.size;
    if (free > 0) {
      for (const message of await this.outbox.due(free, new Set(this.inFlight.keys()))) {
        const delivery = this.deliver(message)
          .catch((error: unknown) => this.options.onError?.(error))
          .finally(() => {
            this.inFlight.delete(message.subscriptionId);
            this.wake();
          });
        this.inFlight.set(message.subscriptionId, delivery);
      }
    }
    await this.armTimer();
  }

  private async armTimer(): Promise<void> {
    const next = await this.outbox.nextDueMs();
    clearTimeout(this.timer);
    if (next === undefined || this.stopped) return;
    const delay = Math.min(Math.max(next - this.options.now().getTime(), 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  private async deliver(message: QueuedMessage): Promise<void> {
    const subscription = await this.subscriptions.get(message.subscriptionId);
    if (subscription === undefined || subscription.status !== 'active') return;
    const at = this.options.now();
    const timestamp = Math.floor(at.getTime() / 1000);
    const signature = signatureHeader(SubscriptionStore.signingKeys(subscription, at), { id: message.id, timestamp, body: message.body });
    const headers = { 'webhook-id': message.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    const result = await sendWebhook(subscription.url, headers, message.body, { ...this.options, connections: this.connections });
    if (this.stopped) return;
    const trigger = message.nextTrigger;
    const scheduledAttempts = message.attempts + (trigger === 'scheduled' ? 1 : 0);
    const verdict = judgeAttempt(result, { trigger, scheduledAttempts }, this.options.retryScheduleMs, this.options.random);
    const ended = this.options.now();
    const outcome =
      verdict.kind === 'delivered'
        ? ({ status: 'delivered' } as const)
        : verdict.kind === 'retry'
          ? ({ status: 'pending', nextAttemptMs: ended.getTime() + verdict.delayMs } as const)
          : ({ status: 'failed' } as const);
    const { statusCode, durationMs, error, responseBody } = result;
    await this.record(async () => {
      await this.outbox.recordAttempt(message, { at: at.toISOString(), trigger, statusCode, durationMs, ...(error !== undefined && { error }), responseBody }, outcome);
      if (verdict.kind === 'delivered') {
        await this.subscriptions.succeeded(subscription.id);
        return;
      }
      if (verdict.kind === 'gone') {
        await this.subscriptions.disable(subscription.id, `the receiver answered 410 Gone on ${ended.toISOString()}`);
        return;
      }
      const failingSince = await this.subscriptions.failed(subscription.id, ended);
      if (ended.getTime() - failingSince.getTime() >= this.options.disableAfterMs) {
        await this.subscriptions.disable(subscription.id, `no delivery has succeeded since ${failingSince.toISOString()}`);
      }
    });
    const told: DeliveryOutcome = verdict.kind === 'retry' ? 'retrying' : verdict.kind;
    for (const listener of this.attemptListeners) listener(told);
  }

  /**
   * Attempts that end together are kept in one transaction (one fsync for the lot). The
   * subscription stays busy until its attempt is committed, so its next message is chosen from
   * what the database says.
   */
  private record(write: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingWrites.push({ write, resolve, reject });
      if (this.pendingWrites.length === 1) setImmediate(() => void this.writeBatch());
    });
  }

  private writeBatch(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = this.pendingWrites.splice(0);
      if (batch.length === 0) return;
      try {
        await this.outbox.transaction(async () => {
          for (const { write } of batch) await write();
        });
        batch.forEach(({ resolve }) => resolve());
      } catch (error) {
        batch.forEach(({ reject }) => reject(error));
      }
    });
    return this.writing;
  }
}

import type { Awaitable } from '../auth/tokens/token-store.js';
import type { IsoDate } from '../core/agreement-events.js';
import type { Attempt, AttemptOutcome, Delivery, DeliveryStatus, DispatchCheckpoint, DispatchCommit, QueuedMessage } from './outbox.js';
import type { NewSubscription, WebhookSubscription } from './subscription-store.js';

/**
 * Where webhook subscriptions live: `state.sqlite` beside the embedded log (SubscriptionStore,
 * whose synchronous methods fit), or the PostgreSQL store's database, shared by every instance
 * (PostgresSubscriptionStore), so a subscription made through one instance is listed, rotated and
 * deleted through any other.
 */
export interface SubscriptionStorage {
  create(spec: NewSubscription): Awaitable<WebhookSubscription>;
  get(id: string): Awaitable<WebhookSubscription | undefined>;
  /** Oldest first. */
  list(): Awaitable<WebhookSubscription[]>;
  active(): Awaitable<WebhookSubscription[]>;
  /** Its messages and their attempts go with it. */
  delete(id: string): Awaitable<boolean>;
  /** A new key; the current one keeps signing beside it for ROTATION_OVERLAP_MS. */
  rotate(id: string): Awaitable<WebhookSubscription | undefined>;
  disable(id: string, reason: string): Awaitable<void>;
  /** A delivery succeeded: the run of failures, if any, is over. */
  succeeded(id: string): Awaitable<void>;
  /** A delivery failed at `at`; returns since when the subscription has known only failures. */
  failed(id: string, at: Date): Awaitable<Date>;
  enable(id: string): Awaitable<WebhookSubscription | undefined>;
}

/**
 * The outbox (messages, their attempts) and the dispatcher's checkpoint, beside the subscriptions:
 * in `state.sqlite` (Outbox) or in the PostgreSQL store's database (PostgresOutbox).
 */
export interface OutboxStorage {
  checkpoint(): Awaitable<DispatchCheckpoint | undefined>;
  /** Writes the messages and moves the checkpoint, atomically; returns how many messages were new. */
  commit(step: DispatchCommit): Awaitable<number>;
  /** Agreements with a transition taking effect after `after` and on or before `through`. */
  scheduledAgreements(after: IsoDate, through: IsoDate): Awaitable<string[]>;
  /** Messages due now, at most one per subscription (its first pending), leaving out busy subscriptions. */
  due(limit: number, busy: ReadonlySet<string>): Awaitable<QueuedMessage[]>;
  /** When the next message falls due (epoch ms), or undefined when none is pending. */
  nextDueMs(): Awaitable<number | undefined>;
  /** Messages not yet delivered nor failed, those waiting for a retry included. */
  pendingCount(): Awaitable<number>;
  /** Runs `writes` — calls on this outbox and its subscription storage — in one transaction. */
  transaction(writes: () => Awaitable<void>): Awaitable<void>;
  /** Keeps the attempt and moves the message on, in one transaction. */
  recordAttempt(message: QueuedMessage, attempt: Omit<Attempt, 'attempt'>, outcome: AttemptOutcome): Awaitable<void>;
  deliveries(subscriptionId: string, query: { status?: DeliveryStatus; limit: number; offset: number }): Awaitable<{ items: Delivery[]; total: number }>;
  delivery(subscriptionId: string, deliveryId: string): Awaitable<Delivery | undefined>;
  /** Queues one failed message again, for one manual attempt now. False when it has not failed. */
  retry(subscriptionId: string, deliveryId: string): Awaitable<boolean>;
  /** Queues every message that failed since `since` again (one manual attempt each); returns how many. */
  recover(subscriptionId: string, since: Date): Awaitable<number>;
}

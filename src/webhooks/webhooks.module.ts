import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import type pg from 'pg';
import type { LedgerConfig, WebhookConfig } from '../config/ledger-config.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { TOKEN_STORE, type TokenStore } from '../auth/tokens/token-store.js';
import { STATE_DB, STATE_POSTGRES } from '../state/state.module.js';
import { SoleInstanceLease, StoreLease, type Lease } from '../state/store-lease.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { DeliveryWorker } from './delivery-worker.js';
import { WebhooksController } from './http/webhooks.controller.js';
import { Outbox } from './outbox.js';
import { ownerStanding } from './owner-standing.js';
import { PostgresOutbox } from './postgres/postgres-outbox.js';
import { PostgresSubscriptionStore } from './postgres/postgres-subscription-store.js';
import { WebhookDatabase } from './postgres/webhook-database.js';
import { SubscriptionStore } from './subscription-store.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookMetrics } from './webhook-metrics.js';
import { migrateWebhooks } from './webhook-schema.js';
import type { OutboxStorage, SubscriptionStorage } from './webhook-storage.js';
import { WebhookSubscriptions } from './webhook-subscriptions.js';

/** Deliveries in flight at once, over all subscriptions (each has at most one). */
const DELIVERY_CONCURRENCY = 64;
/** On a shared store a retry or an enable asked through another instance is seen within this. */
const SHARED_POLL_MS = 1000;

/** The storages the server's requests and the dispatcher use, and those the delivery worker uses. */
interface WebhookStorages {
  readonly subscriptions: SubscriptionStorage;
  readonly outbox: OutboxStorage;
  readonly delivery: { readonly subscriptions: SubscriptionStorage; readonly outbox: OutboxStorage };
  /** Dispatch and delivery run while this holds. */
  readonly lease: Lease;
  readonly shared: boolean;
  close(): void;
}

const STORAGES = Symbol('WebhookStorages');

/**
 * In state.sqlite, the delivery worker has its own connection, with synchronous=NORMAL: an
 * attempt's record lost to a power cut only means the message is sent again with its webhook-id,
 * which at-least-once delivery allows, and not waiting for an fsync per batch of attempts is what
 * lets deliveries keep up. The outbox and the checkpoint are written on the server's connection (FULL).
 */
function embeddedStorages(db: Database.Database, now: () => Date): WebhookStorages {
  migrateWebhooks(db);
  const delivery = new Database(db.name);
  delivery.pragma('busy_timeout = 5000');
  delivery.pragma('synchronous = NORMAL');
  delivery.pragma('foreign_keys = ON');
  return {
    subscriptions: new SubscriptionStore(db, now),
    outbox: new Outbox(db, now),
    delivery: { subscriptions: new SubscriptionStore(delivery, now), outbox: new Outbox(delivery, now) },
    lease: new SoleInstanceLease(),
    shared: false,
    close: () => delivery.close(),
  };
}

/** In the PostgreSQL store's database, shared by every instance; the instance holding the `webhooks` lease dispatches and delivers. */
async function sharedStorages(pool: pg.Pool, now: () => Date, leaseSeconds: number, onError: (error: unknown) => void): Promise<WebhookStorages> {
  const db = await WebhookDatabase.open(pool);
  const lease = await StoreLease.open(pool, 'webhooks', { seconds: leaseSeconds, onError });
  const subscriptions = new PostgresSubscriptionStore(db, now);
  const outbox = new PostgresOutbox(db, now, (client) => lease.fence(client));
  return { subscriptions, outbox, delivery: { subscriptions, outbox }, lease, shared: true, close: () => undefined };
}

/** Runs the dispatcher and the delivery worker while this instance holds the webhooks lease. */
@Injectable()
class WebhooksLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private poll?: NodeJS.Timeout;

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly worker: DeliveryWorker,
    @Inject(STORAGES) private readonly storages: WebhookStorages,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.storages.lease.run({
      start: async () => {
        await this.dispatcher.start();
        this.worker.start();
        if (this.storages.shared) this.poll = setInterval(() => this.worker.wake(), SHARED_POLL_MS).unref();
      },
      stop: async () => {
        clearInterval(this.poll);
        await this.dispatcher.stop();
        await this.worker.stop();
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.storages.lease.close();
    this.storages.close();
  }
}

@Module({})
export class WebhooksModule {
  /** `now`: the clock deliveries and date-triggered transitions follow (a test moves it). */
  static forRoot(config: WebhookConfig & { readonly leaseSeconds: number } & Pick<LedgerConfig, 'councilTerms' | 'obligationReminderDays'>, now: () => Date = () => new Date()): DynamicModule {
    const logger = new Logger('Webhooks');
    const onError = (error: unknown) => logger.error(String((error as Error)?.stack ?? error));
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        {
          provide: STORAGES,
          inject: [STATE_DB, STATE_POSTGRES],
          useFactory: (db: Database.Database, postgres: pg.Pool | null) =>
            postgres ? sharedStorages(postgres, now, config.leaseSeconds, onError) : embeddedStorages(db, now),
        },
        {
          provide: DeliveryWorker,
          inject: [STORAGES],
          useFactory: ({ delivery }: WebhookStorages) =>
            new DeliveryWorker(delivery.outbox, delivery.subscriptions, { ...config, concurrency: DELIVERY_CONCURRENCY, now, onError }),
        },
        {
          provide: WebhookDispatcher,
          inject: [EVENT_STORE, STORAGES, DeliveryWorker, TOKEN_STORE],
          useFactory: (store: EventStore, { outbox, subscriptions, lease }: WebhookStorages, worker: DeliveryWorker, tokens: TokenStore) =>
            new WebhookDispatcher(store, outbox, subscriptions, {
              now,
              onMessages: () => worker.wake(),
              // A dispatcher that stopped on an error (the store out of reach) starts again from its committed checkpoint.
              onError: (error) => {
                onError(error);
                void lease.relinquish();
              },
              ownerStands: ownerStanding(tokens, now),
              obligations: { councilTerms: config.councilTerms, reminderDays: config.obligationReminderDays },
            }),
        },
        {
          provide: WebhookSubscriptions,
          inject: [EVENT_STORE, STORAGES, DeliveryWorker],
          useFactory: (store: EventStore, { subscriptions, outbox }: WebhookStorages, worker: DeliveryWorker) =>
            new WebhookSubscriptions(store, subscriptions, outbox, worker, config, now),
        },
        WebhooksLifecycle,
        {
          provide: WebhookMetrics,
          inject: [MetricsRegistry, STORAGES, DeliveryWorker],
          useFactory: (metrics: MetricsRegistry, { outbox }: WebhookStorages, worker: DeliveryWorker) => new WebhookMetrics(metrics, outbox, worker),
        },
      ],
      exports: [WebhookDispatcher, DeliveryWorker],
    };
  }
}

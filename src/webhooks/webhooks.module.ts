import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { WebhookConfig } from '../config/ledger-config.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { LedgerTokenStore } from '../auth/tokens/ledger-token-store.js';
import { STATE_DB } from '../state/state.module.js';
import { DeliveryWorker } from './delivery-worker.js';
import { WebhooksController } from './http/webhooks.controller.js';
import { Outbox } from './outbox.js';
import { ownerStanding } from './owner-standing.js';
import { SubscriptionStore } from './subscription-store.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookMetrics } from './webhook-metrics.js';
import { migrateWebhooks } from './webhook-schema.js';
import { WebhookSubscriptions } from './webhook-subscriptions.js';

/** Deliveries in flight at once, over all subscriptions (each has at most one). */
const DELIVERY_CONCURRENCY = 64;

export const WEBHOOK_TABLES = Symbol('WebhookTables');
/**
 * The delivery worker's own connection to state.sqlite, with synchronous=NORMAL: an attempt's
 * record lost to a power cut only means the message is sent again with its webhook-id, which
 * at-least-once delivery allows, and not waiting for an fsync per batch of attempts is what lets
 * deliveries keep up. The outbox and the checkpoint are written on the server's connection (FULL).
 */
const DELIVERY_DB = Symbol('WebhookDeliveryDatabase');

/** Runs the dispatcher and the delivery worker for the server's lifetime. */
@Injectable()
class WebhooksLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly worker: DeliveryWorker,
    @Inject(DELIVERY_DB) private readonly deliveryDb: Database.Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start();
    this.worker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.stop();
    await this.worker.stop();
    this.deliveryDb.close();
  }
}

@Module({})
export class WebhooksModule {
  /** `now`: the clock deliveries and date-triggered transitions follow (a test moves it). */
  static forRoot(config: WebhookConfig, now: () => Date = () => new Date()): DynamicModule {
    const logger = new Logger('Webhooks');
    const onError = (error: unknown) => logger.error(String((error as Error)?.stack ?? error));
    return {
      module: WebhooksModule,
      controllers: [WebhooksController],
      providers: [
        { provide: WEBHOOK_TABLES, inject: [STATE_DB], useFactory: (db: Database.Database) => (migrateWebhooks(db), db) },
        { provide: SubscriptionStore, inject: [WEBHOOK_TABLES], useFactory: (db: Database.Database) => new SubscriptionStore(db, now) },
        { provide: Outbox, inject: [WEBHOOK_TABLES], useFactory: (db: Database.Database) => new Outbox(db, now) },
        {
          provide: DELIVERY_DB,
          inject: [WEBHOOK_TABLES],
          useFactory: (db: Database.Database) => {
            const delivery = new Database(db.name);
            delivery.pragma('busy_timeout = 5000');
            delivery.pragma('synchronous = NORMAL');
            delivery.pragma('foreign_keys = ON');
            return delivery;
          },
        },
        {
          provide: DeliveryWorker,
          inject: [DELIVERY_DB],
          useFactory: (db: Database.Database) =>
            new DeliveryWorker(new Outbox(db, now), new SubscriptionStore(db, now), { ...config, concurrency: DELIVERY_CONCURRENCY, now, onError }),
        },
        {
          provide: WebhookDispatcher,
          inject: [EVENT_STORE, Outbox, SubscriptionStore, DeliveryWorker, WEBHOOK_TABLES],
          useFactory: (store: EventStore, outbox: Outbox, subscriptions: SubscriptionStore, worker: DeliveryWorker, db: Database.Database) =>
            new WebhookDispatcher(store, outbox, subscriptions, {
              now,
              onMessages: () => worker.wake(),
              onError,
              ownerStands: ownerStanding(new LedgerTokenStore(db), now),
            }),
        },
        {
          provide: WebhookSubscriptions,
          inject: [EVENT_STORE, SubscriptionStore, Outbox, DeliveryWorker],
          useFactory: (store: EventStore, subscriptions: SubscriptionStore, outbox: Outbox, worker: DeliveryWorker) =>
            new WebhookSubscriptions(store, subscriptions, outbox, worker, config, now),
        },
        WebhooksLifecycle,
        WebhookMetrics,
      ],
      exports: [WebhookDispatcher, DeliveryWorker],
    };
  }
}

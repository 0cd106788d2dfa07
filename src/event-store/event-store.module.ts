import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { LedgerConfig } from '../config/ledger-config.js';
import type { EventStore } from './event-store.port.js';
import { openEventStore } from './open-event-store.js';

/** Injection token for the event store port (an interface has no runtime token of its own). */
export const EVENT_STORE = Symbol('EventStore');

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Module({})
export class EventStoreModule {
  static forRoot(store: LedgerConfig['store']): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [{ provide: EVENT_STORE, useFactory: () => openEventStore(store) }, EventStoreLifecycle],
      exports: [EVENT_STORE],
    };
  }
}

import { Global, Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner } from '../read-models/projection-runner.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics-registry.js';
import { registerStoreMetrics } from './store-metrics.js';

@Injectable()
class StoreMetrics implements OnModuleDestroy {
  private readonly unsubscribe: () => void;

  constructor(metrics: MetricsRegistry, @Inject(EVENT_STORE) store: EventStore, runner: ProjectionRunner) {
    this.unsubscribe = registerStoreMetrics(metrics, store, runner);
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}

/** Global: every capability may inject MetricsRegistry and register its metrics (metrics-registry.ts). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }, StoreMetrics],
  exports: [MetricsRegistry],
})
export class MetricsModule {}

import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { LedgerConfig } from '../config/ledger-config.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { CheckpointMetrics } from './checkpoint-metrics.js';
import { CheckpointsController } from './checkpoints.controller.js';
import { LedgerTreeService } from './ledger-tree-service.js';
import { LedgerTreeStore } from './ledger-tree-store.js';
import { LogKeyRotationController } from './log-key-rotation.controller.js';
import { LogKeys } from './log-keys.js';
import { ProofsController } from './proofs.controller.js';
import { WitnessCosignatures } from './witness-cosignatures.js';

/** Runs the ledger tree's consumer for the server's lifetime. */
@Injectable()
class LedgerTreeLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly tree: LedgerTreeService,
    @Inject(LedgerTreeStore) private readonly treeStore: LedgerTreeStore,
  ) {}

  onApplicationBootstrap(): void {
    this.tree.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.tree.stop();
    this.treeStore.close();
  }
}

@Module({})
export class CheckpointsModule {
  static forRoot(config: Pick<LedgerConfig, 'dataDir' | 'checkpoints'>): DynamicModule {
    return {
      module: CheckpointsModule,
      controllers: [CheckpointsController, LogKeyRotationController, ProofsController],
      providers: [
        { provide: LedgerTreeStore, useFactory: () => new LedgerTreeStore(config.dataDir) },
        { provide: LogKeys, useFactory: () => new LogKeys(config.dataDir, config.checkpoints.origin, () => new Date()) },
        {
          provide: LedgerTreeService,
          inject: [EVENT_STORE, LedgerTreeStore, LogKeys],
          useFactory: (store: EventStore, treeStore: LedgerTreeStore, keys: LogKeys) =>
            new LedgerTreeService(store, treeStore, keys, {
              intervalSeconds: config.checkpoints.intervalSeconds,
              onError: (error) => new Logger('LedgerTree').error(`ledger tree stopped signing: ${String((error as Error)?.stack ?? error)}`),
            }),
        },
        { provide: WitnessCosignatures, inject: [LedgerTreeStore], useFactory: (treeStore: LedgerTreeStore) => new WitnessCosignatures(treeStore, config.checkpoints.witnessKeys) },
        LedgerTreeLifecycle,
        CheckpointMetrics,
      ],
    };
  }
}

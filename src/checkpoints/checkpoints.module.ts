import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import type { LedgerConfig } from '../config/ledger-config.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { CheckpointMetrics } from './checkpoint-metrics.js';
import { STATE_POSTGRES } from '../state/state.module.js';
import { StoreLease } from '../state/store-lease.js';
import { CheckpointsController } from './checkpoints.controller.js';
import { LedgerTreeService } from './ledger-tree-service.js';
import { LedgerTreeStore } from './ledger-tree-store.js';
import { LogKeyRotationController } from './log-key-rotation.controller.js';
import { LogKeys } from './log-keys.js';
import { ProofsController } from './proofs.controller.js';
import { SharedCheckpoints } from './shared-checkpoints.js';
import { WitnessCosignatures } from './witness-cosignatures.js';

/** How often an instance copies checkpoints signed elsewhere into its own file. */
const PULL_MS = 1000;

/** On a server store: the shared checkpoints and the lease of the instance that signs them. */
interface Signing {
  readonly shared: SharedCheckpoints;
  readonly lease: StoreLease;
}

const SIGNING = Symbol('CheckpointSigning');

/** Runs the ledger tree's consumer for the server's lifetime; on a server store, signs while holding the `checkpoints` lease. */
@Injectable()
class LedgerTreeLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private pull?: NodeJS.Timeout;

  constructor(
    private readonly tree: LedgerTreeService,
    @Inject(LedgerTreeStore) private readonly treeStore: LedgerTreeStore,
    @Inject(SIGNING) private readonly signing: Signing | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.tree.start();
    if (this.signing === null) return;
    const { shared, lease } = this.signing;
    await lease.run({ start: () => void this.tree.checkpoint(), stop: () => undefined });
    this.pull = setInterval(() => {
      shared.pull().then(
        (news) => news && this.tree.checkpointsArrived(),
        (error: unknown) => new Logger('LedgerTree').warn(`could not read the shared checkpoints: ${String(error)}`),
      );
    }, PULL_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.pull);
    await this.tree.stop();
    await this.signing?.lease.close();
    this.treeStore.close();
  }
}

@Module({})
export class CheckpointsModule {
  static forRoot(config: Pick<LedgerConfig, 'dataDir' | 'checkpoints' | 'store' | 'leaseSeconds'>): DynamicModule {
    const logger = new Logger('LedgerTree');
    return {
      module: CheckpointsModule,
      controllers: [CheckpointsController, LogKeyRotationController, ProofsController],
      providers: [
        { provide: LedgerTreeStore, useFactory: () => new LedgerTreeStore(config.dataDir) },
        {
          provide: LogKeys,
          useFactory: () => {
            // Every instance of a server store must sign with one key, so none makes its own.
            if (config.store.kind === 'postgres' && config.checkpoints.signingKeyFile === undefined) {
              throw new Error('LEDGER_SIGNING_KEY_FILE is required with LEDGER_STORE=postgres: make one with "ledger log-key create --out <file>" and give every instance a copy');
            }
            return new LogKeys(config.dataDir, config.checkpoints.origin, () => new Date(), config.checkpoints.signingKeyFile);
          },
        },
        {
          provide: SIGNING,
          inject: [STATE_POSTGRES, LedgerTreeStore],
          useFactory: async (postgres: pg.Pool | null, treeStore: LedgerTreeStore): Promise<Signing | null> => {
            if (postgres === null) return null;
            const lease = await StoreLease.open(postgres, 'checkpoints', { seconds: config.leaseSeconds, onError: (error) => logger.error(String(error)) });
            return { lease, shared: await SharedCheckpoints.open(postgres, treeStore, lease) };
          },
        },
        {
          provide: LedgerTreeService,
          inject: [EVENT_STORE, LedgerTreeStore, LogKeys, SIGNING],
          useFactory: (store: EventStore, treeStore: LedgerTreeStore, keys: LogKeys, signing: Signing | null) =>
            new LedgerTreeService(store, treeStore, keys, {
              intervalSeconds: config.checkpoints.intervalSeconds,
              ...(signing !== null && { publisher: signing.shared }),
              onError: (error) => logger.error(`ledger tree stopped signing: ${String((error as Error)?.stack ?? error)}`),
            }),
        },
        {
          provide: WitnessCosignatures,
          inject: [LedgerTreeStore, SIGNING],
          useFactory: (treeStore: LedgerTreeStore, signing: Signing | null) => new WitnessCosignatures(treeStore, config.checkpoints.witnessKeys, signing?.shared),
        },
        LedgerTreeLifecycle,
        CheckpointMetrics,
      ],
    };
  }
}

import { Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { AgreementQueriesController } from './agreement-queries.controller.js';
import { AgreementProjections } from './agreement-projections.js';
import { AgreementQueries } from './agreement-queries.js';
import { AgreementViews } from './agreement-views.js';
import { AuditQueriesController } from './audit-queries.controller.js';
import { LogExportController } from './log-export.controller.js';
import { PartyQueriesController } from './party-queries.controller.js';
import { ObligationQueries } from './obligation-queries.js';
import { ObligationQueriesController } from './obligation-queries.controller.js';
import { ProjectionRunner } from './projection-runner.js';
import { ReadModelStore } from './read-model-store.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';

/** Runs the projection runner for the server's lifetime. */
@Injectable()
class ProjectionLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly readModels: ReadModelStore,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
    this.readModels.close();
  }
}

@Module({})
export class ReadModelsModule {
  static forRoot(dataDir: string): DynamicModule {
    return {
      module: ReadModelsModule,
      global: true,
      controllers: [AgreementQueriesController, AuditQueriesController, LogExportController, PartyQueriesController, ObligationQueriesController],
      providers: [
        { provide: ReadModelStore, useFactory: () => new ReadModelStore(dataDir) },
        { provide: AgreementProjections, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AgreementProjections(store) },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, ReadModelStore, AgreementProjections],
          useFactory: (store: EventStore, readModels: ReadModelStore, projections: AgreementProjections) =>
            new ProjectionRunner(store, readModels, {
              projections,
              onError: (error) => new Logger('Projections').error(`projection runner stopped: ${String((error as Error)?.stack ?? error)}`),
            }),
        },
        ProjectionLifecycle,
        AgreementViews,
        AgreementQueries,
        ObligationQueries,
        ReadYourWritesInterceptor,
      ],
      exports: [ProjectionRunner, ReadModelStore, AgreementViews, AgreementQueries, ObligationQueries],
    };
  }
}

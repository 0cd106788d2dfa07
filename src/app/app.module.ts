import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { OpenApiModule } from '../openapi/openapi.module.js';
import { ReadModelsModule } from '../read-models/read-models.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { CheckpointsModule } from '../checkpoints/checkpoints.module.js';
import { DashboardModule } from '../dashboard/dashboard.module.js';
import type { LedgerConfig } from '../config/ledger-config.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import { EventStoreModule } from '../event-store/event-store.module.js';
import { HealthModule } from '../health/health.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { ProblemDetailsFilter } from '../problem-details/problem-details.filter.js';
import { StateModule } from '../state/state.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ANNOUNCE, announceToStdout, type Announce } from './announce.js';

@Module({})
export class AppModule {
  /** `clock`: what the webhooks take for now (dates arriving, retries); a test may move it. */
  static forRoot(config: LedgerConfig, announce: Announce = announceToStdout, clock?: () => Date): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        StateModule.forRoot(config.dataDir, config.store),
        EventStoreModule.forRoot(config.store),
        AuthModule.forRoot(config),
        HealthModule,
        MetricsModule,
        OpenApiModule,
        AgreementsModule,
        ReadModelsModule.forRoot(config.dataDir),
        CheckpointsModule.forRoot(config),
        WebhooksModule.forRoot({ ...config.webhooks, leaseSeconds: config.leaseSeconds, councilTerms: config.councilTerms, obligationReminderDays: config.obligationReminderDays }, clock),
        DashboardModule,
        CalendarModule,
      ],
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        { provide: ANNOUNCE, useValue: announce },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [LEDGER_CONFIG, ANNOUNCE],
    };
  }
}

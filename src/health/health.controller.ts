import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import type { LedgerConfig } from '../config/ledger-config.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner } from '../read-models/projection-runner.js';

export interface Health {
  status: 'ok';
  store: { kind: string; headPosition: string | null };
  projections: { position: string | null; caughtUp: boolean; lagEvents?: number };
}

/**
 * Three questions a platform asks: does the process answer (`live`: restart it if not), may it take
 * traffic (`ready`: take it out of the balancer if not, without restarting it), and the summary
 * a person reads (`/api/health`). A store that blips makes the server unready, never dead.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /** Summary: 200 when the store answers and the projections run; their lag either way. */
  @Get()
  async health(): Promise<Health> {
    return this.snapshot();
  }

  /** The process answers: nothing is checked, so a slow store never gets the server restarted. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Ready for traffic: the store answers, the projections run and are within LEDGER_READY_MAX_LAG
   * events of the log (queries answer from them), and the schemas are migrated (the stores migrate
   * as they open, before the server listens). Each instance answers for itself: its own connection
   * to the store and its own read models. Where positions are opaque (EventStoreDB), only caught
   * up counts.
   */
  @Get('ready')
  async ready(): Promise<Health & { maxLagEvents: number }> {
    const health = await this.snapshot();
    const { caughtUp, lagEvents } = health.projections;
    const maxLagEvents = this.config.readyMaxLagEvents;
    if (!caughtUp && (lagEvents === undefined || lagEvents > maxLagEvents)) {
      throw new ServiceUnavailableException(
        `the read models are catching up: ${lagEvents ?? 'some'} events behind the log (ready within ${maxLagEvents}, LEDGER_READY_MAX_LAG)`,
      );
    }
    return { ...health, maxLagEvents };
  }

  private async snapshot(): Promise<Health> {
    let headPosition: string | undefined;
    try {
      headPosition = await this.store.headPosition();
    } catch (error) {
      throw new ServiceUnavailableException(`the event store does not answer: ${(error as Error).message}`);
    }
    if (this.runner.error) throw new ServiceUnavailableException(`the projections stopped: ${String((this.runner.error as Error).message ?? this.runner.error)}`);
    const position = this.runner.position;
    const caughtUp = headPosition === undefined || (position !== undefined && this.store.comparePositions(position, headPosition) >= 0);
    // SQLite positions count events; PostgreSQL's too, less a refused append's unused ones (so never
    // fewer than the events behind); EventStoreDB's are opaque, so only caughtUp is said.
    const lagEvents = this.store.kind !== 'eventstoredb' ? Number(headPosition ?? 0) - Number(position ?? 0) : undefined;
    return {
      status: 'ok',
      store: { kind: this.store.kind, headPosition: headPosition ?? null },
      projections: { position: position ?? null, caughtUp, ...(lagEvents !== undefined && { lagEvents }) },
    };
  }
}

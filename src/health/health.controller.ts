import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner } from '../read-models/projection-runner.js';

export interface Health {
  status: 'ok';
  store: { kind: string; headPosition: string | null };
  projections: { position: string | null; caughtUp: boolean; lagEvents?: number };
}

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** Liveness and readiness: 200 when the store answers and the projections run; their lag either way. */
  @Get()
  async health(): Promise<Health> {
    let headPosition: string | undefined;
    try {
      headPosition = await this.store.headPosition();
    } catch (error) {
      throw new ServiceUnavailableException(`the event store does not answer: ${(error as Error).message}`);
    }
    if (this.runner.error) throw new ServiceUnavailableException(`the projections stopped: ${String((this.runner.error as Error).message ?? this.runner.error)}`);
    const position = this.runner.position;
    const caughtUp = headPosition === undefined || (position !== undefined && this.store.comparePositions(position, headPosition) >= 0);
    // SQLite positions count events; other stores' positions are opaque, so only caughtUp is said.
    const lagEvents =
      this.store.kind === 'sqlite' ? Number(headPosition ?? 0) - Number(position ?? 0) : undefined;
    return {
      status: 'ok',
      store: { kind: this.store.kind, headPosition: headPosition ?? null },
      projections: { position: position ?? null, caughtUp, ...(lagEvents !== undefined && { lagEvents }) },
    };
  }
}

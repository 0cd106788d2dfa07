import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Liveness and readiness: answers 200 only when the store answers a read. */
  @Get()
  async health(): Promise<{ status: 'ok'; store: { kind: string; headPosition: string | null } }> {
    try {
      const headPosition = await this.store.headPosition();
      return { status: 'ok', store: { kind: this.store.kind, headPosition: headPosition ?? null } };
    } catch (error) {
      throw new ServiceUnavailableException(`the event store does not answer: ${(error as Error).message}`);
    }
  }
}

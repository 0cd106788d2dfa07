import type { OnModuleDestroy } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { DeliveryWorker, type DeliveryOutcome } from './delivery-worker.js';
import type { OutboxStorage } from './webhook-storage.js';

const OUTCOMES: readonly DeliveryOutcome[] = ['delivered', 'retrying', 'failed', 'gone'];

/**
 * What an operator watches of the webhooks: the outbox's backlog (read when Prometheus scrapes)
 * and how attempts end. A rising `retrying` or `failed` names receivers in trouble, a growing
 * queue a worker that does not keep up.
 */
function registerWebhookMetrics(metrics: MetricsRegistry, outbox: OutboxStorage, worker: DeliveryWorker): () => void {
  metrics.gauge({
    name: 'ledger_webhook_queue_depth',
    help: 'webhook messages not yet delivered nor failed, those waiting for a retry included',
    async collect() {
      this.set(await outbox.pendingCount());
    },
  });
  const deliveries = metrics.counter({
    name: 'ledger_webhook_deliveries_total',
    help: 'webhook delivery attempts by outcome: delivered (2xx), retrying (failed, tried again later), failed (no attempt left), gone (410, the subscription disabled)',
    labelNames: ['outcome'] as const,
  });
  // Every outcome is a series from the start, so a rate over it is defined before the first failure.
  for (const outcome of OUTCOMES) deliveries.inc({ outcome }, 0);
  return worker.onAttempt((outcome) => deliveries.inc({ outcome }));
}

/** The webhooks' metrics for the server's lifetime; the outbox read is the server's (state.sqlite or PostgreSQL). */
export class WebhookMetrics implements OnModuleDestroy {
  private readonly unsubscribe: () => void;

  constructor(metrics: MetricsRegistry, outbox: OutboxStorage, worker: DeliveryWorker) {
    this.unsubscribe = registerWebhookMetrics(metrics, outbox, worker);
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}

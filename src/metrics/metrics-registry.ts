import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from 'prom-client';

/**
 * The server's Prometheus metrics, served at GET /metrics. One registry per server (not
 * prom-client's global one), so tests can run several servers in one process.
 *
 * Any capability registers its own here: inject MetricsRegistry and create the metric once, e.g. in
 * a provider's constructor — a counter it increments, or a gauge whose `collect` reads the value
 * at scrape time:
 *
 *   metrics.gauge({ name: 'ledger_webhook_queue_depth', help: 'messages waiting in the outbox',
 *                   collect() { this.set(outbox.pendingCount()) } });
 *
 * Names start with `ledger_`, seconds and totals as Prometheus names them. Label values must come
 * from a small set (a route template, a status, an outcome), never from ids or request input.
 * E.g. store-metrics.ts, src/webhooks/webhook-metrics.ts, src/checkpoints/checkpoint-metrics.ts.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(options: { readonly processMetrics?: boolean } = {}) {
    // CPU, memory, event-loop lag, GC: what an operator looks at first when latency rises.
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'ledger_' });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return new Counter({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return new Histogram({ ...config, registers: [this.registry] });
  }

  /** The Prometheus text exposition format. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

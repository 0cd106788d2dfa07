import type { EventStore } from '../event-store/event-store.port.js';
import type { ProjectionRunner } from '../read-models/projection-runner.js';
import type { MetricsRegistry } from './metrics-registry.js';

/**
 * The write path as the store sees it (a store that group-commits reports each commit) and the
 * read side's distance from it, computed when Prometheus scrapes.
 */
export function registerStoreMetrics(metrics: MetricsRegistry, store: EventStore, runner: ProjectionRunner): () => void {
  const appendSeconds = metrics.histogram({
    name: 'ledger_append_duration_seconds',
    help: 'one group commit: the transaction and its fsync, after which every append in it is acknowledged',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
  });
  const batchSize = metrics.histogram({
    name: 'ledger_group_commit_appends',
    help: 'appends (commands) committed together in one transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  });
  const appended = metrics.counter({ name: 'ledger_events_appended_total', help: 'events appended to the log by this server' });
  const unsubscribe =
    store.onGroupCommit?.((commit) => {
      appendSeconds.observe(commit.seconds);
      batchSize.observe(commit.appends);
      appended.inc(commit.events);
    }) ?? (() => undefined);

  metrics.gauge({
    name: 'ledger_projection_lag_events',
    help: 'events in the log the read models do not reflect yet (SQLite store; elsewhere 0 or 1 for caught up or not)',
    async collect() {
      const head = await store.headPosition();
      const position = runner.position;
      if (head === undefined) return this.set(0);
      if (store.kind === 'sqlite') return this.set(Number(head) - Number(position ?? 0));
      this.set(position !== undefined && store.comparePositions(position, head) >= 0 ? 0 : 1);
    },
  });
  metrics.gauge({
    name: 'ledger_projection_lag_seconds',
    help: 'age of the oldest event the read models do not reflect yet; 0 when caught up',
    async collect() {
      const [next] = await store.readAll({ ...(runner.position !== undefined && { fromPosition: runner.position }), maxCount: 1 });
      this.set(next ? Math.max(0, (Date.now() - Date.parse(next.recordedAt)) / 1000) : 0);
    },
  });
  return unsubscribe;
}

import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { LedgerTreeStore } from './ledger-tree-store.js';

/**
 * Seconds since the latest signed checkpoint, read when Prometheus scrapes. It grows while
 * nothing is appended (nothing new to sign); growing well past LEDGER_CHECKPOINT_INTERVAL while
 * the log grows means the signer has stopped (the log no longer extends what it signed, or it failed).
 */
@Injectable()
export class CheckpointMetrics {
  constructor(metrics: MetricsRegistry, treeStore: LedgerTreeStore) {
    metrics.gauge({
      name: 'ledger_checkpoint_age_seconds',
      help: 'seconds since the latest signed checkpoint; NaN before the first',
      collect() {
        const latest = treeStore.latestCheckpoint();
        this.set(latest === undefined ? Number.NaN : Math.max(0, (Date.now() - Date.parse(latest.timestamp)) / 1000));
      },
    });
  }
}

import pg from 'pg';

/** The channel every append transaction notifies on commit (NOTIFY is delivered only if it commits). */
export const APPENDED_CHANNEL = 'ledger_events_appended';

/** How long to wait before listening again after the listening connection failed. */
const RECONNECT_MS = 1000;

/**
 * One LISTEN connection per store, opened when the first subscriber registers, told of appends
 * committed by any process on the database. While it is down, subscribers still find new events
 * by their poll timer; after it reconnects, every listener is woken once for what it may have missed.
 */
export class AppendNotifications {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  /** Registers a listener; returns its unregister function. */
  on(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.client === undefined && this.retry === undefined && !this.closed) void this.listen();
    return () => this.listeners.delete(listener);
  }

  /** Wakes the listeners without a round trip, for commits made by this very process. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(this.config);
    this.client = client;
    client.on('notification', () => this.notify());
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
      this.notify();
    } catch {
      this.reconnect(client);
    }
  }

  private reconnect(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.closed) void this.listen();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

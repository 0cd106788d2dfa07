import type pg from 'pg';
import type { IsoDate } from '../../core/agreement-events.js';
import {
  messageId,
  toDelivery,
  toQueued,
  type Attempt,
  type AttemptOutcome,
  type AttemptRow,
  type Delivery,
  type DeliveryStatus,
  type DispatchCheckpoint,
  type DispatchCommit,
  type MessageRow,
  type QueuedMessage,
} from '../outbox.js';
import type { OutboxStorage } from '../webhook-storage.js';
import type { WebhookDatabase } from './webhook-database.js';

/** The first pending message of each subscription: only it may be sent, so each receives in position order. */
const HEADS = `SELECT min(seq) FROM webhook_messages WHERE status = 'pending' GROUP BY subscription_id`;

/** Refuses a write by an instance that no longer holds the dispatch lease (see StoreLease.fence). */
export type Fence = (client: pg.PoolClient) => Promise<void>;

/** bigint columns come back as text from pg. */
type PgMessageRow = Omit<MessageRow, 'seq' | 'next_attempt_ms'> & { seq: string; next_attempt_ms: string | null };

function messageRow(row: PgMessageRow): MessageRow {
  return { ...row, seq: Number(row.seq), next_attempt_ms: row.next_attempt_ms === null ? null : Number(row.next_attempt_ms) };
}

/**
 * The outbox and the dispatcher's checkpoint in the PostgreSQL store's database, shared by every
 * instance; same rules as Outbox. Only the instance holding the dispatch lease writes messages
 * and attempts: each such transaction first checks it still holds the lease (`fence`), and the
 * lease row it locks cannot pass to another instance until that transaction ends.
 */
export class PostgresOutbox implements OutboxStorage {
  constructor(
    private readonly db: WebhookDatabase,
    private readonly now: () => Date,
    private readonly fence: Fence,
  ) {}

  async checkpoint(): Promise<DispatchCheckpoint | undefined> {
    const { rows } = await this.db.query<{ position: string | null; swept_through: string }>('SELECT position, swept_through FROM webhook_dispatch WHERE id = 1');
    return rows[0] && { position: rows[0].position ?? undefined, sweptThrough: rows[0].swept_through };
  }

  async commit(step: DispatchCommit): Promise<number> {
    return this.db.transaction(async (client) => {
      await this.fence(client);
      const at = this.now();
      let written = 0;
      for (const message of step.messages) {
        const inserted = await client.query(
          `INSERT INTO webhook_messages (id, subscription_id, source, event_type, position, body, status, next_attempt_ms, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) ON CONFLICT (subscription_id, source) DO NOTHING`,
          [messageId(message), message.subscriptionId, message.source, message.eventType, message.position, message.body, at.getTime(), at.toISOString()],
        );
        written += inserted.rowCount ?? 0;
      }
      for (const { agreementId, effectiveOn } of step.scheduled ?? []) {
        await client.query('INSERT INTO webhook_scheduled (agreement_id, effective_on) VALUES ($1, $2) ON CONFLICT DO NOTHING', [agreementId, effectiveOn]);
      }
      await client.query('DELETE FROM webhook_scheduled WHERE effective_on <= $1', [step.sweptThrough]);
      await client.query(
        `INSERT INTO webhook_dispatch (id, position, swept_through) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET position = coalesce(excluded.position, webhook_dispatch.position), swept_through = excluded.swept_through`,
        [step.position ?? null, step.sweptThrough],
      );
      return written;
    });
  }

  async scheduledAgreements(after: IsoDate, through: IsoDate): Promise<string[]> {
    const { rows } = await this.db.query<{ agreement_id: string }>(
      'SELECT DISTINCT agreement_id FROM webhook_scheduled WHERE effective_on > $1 AND effective_on <= $2 ORDER BY agreement_id',
      [after, through],
    );
    return rows.map((row) => row.agreement_id);
  }

  async due(limit: number, busy: ReadonlySet<string>): Promise<QueuedMessage[]> {
    const { rows } = await this.db.query<PgMessageRow>(
      `SELECT m.* FROM webhook_messages m JOIN webhook_subscriptions s ON s.id = m.subscription_id AND s.status = 'active'
       WHERE m.seq IN (${HEADS}) AND m.next_attempt_ms <= $1 ORDER BY m.seq LIMIT $2`,
      [this.now().getTime(), limit + busy.size],
    );
    return rows.filter((row) => !busy.has(row.subscription_id)).slice(0, limit).map((row) => toQueued(messageRow(row)));
  }

  async nextDueMs(): Promise<number | undefined> {
    const { rows } = await this.db.query<{ next: string | null }>(
      `SELECT min(m.next_attempt_ms) AS next FROM webhook_messages m JOIN webhook_subscriptions s ON s.id = m.subscription_id AND s.status = 'active'
       WHERE m.seq IN (${HEADS})`,
    );
    return rows[0]?.next === null || rows[0] === undefined ? undefined : Number(rows[0].next);
  }

  async pendingCount(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>(`SELECT count(*) AS count FROM webhook_messages WHERE status = 'pending'`);
    return Number(rows[0]?.count ?? 0);
  }

  async transaction(writes: () => void | Promise<void>): Promise<void> {
    await this.db.transaction(async (client) => {
      await this.fence(client);
      await writes();
    });
  }

  async recordAttempt(message: QueuedMessage, attempt: Omit<Attempt, 'attempt'>, outcome: AttemptOutcome): Promise<void> {
    await this.db.transaction(async (client) => {
      const moved = await client.query(
        `UPDATE webhook_messages SET status = $1, attempts = attempts + $2, next_attempt_ms = $3, next_trigger = 'scheduled' WHERE seq = $4`,
        [outcome.status, attempt.trigger === 'scheduled' ? 1 : 0, outcome.status === 'pending' ? outcome.nextAttemptMs : null, message.seq],
      );
      if (moved.rowCount === 0) return; // deleted with its subscription meanwhile
      await client.query(
        `INSERT INTO webhook_attempts (message_seq, attempt, at, trigger, status_code, duration_ms, error, response_body)
         SELECT $1, count(*) + 1, $2, $3, $4, $5, $6, $7 FROM webhook_attempts WHERE message_seq = $1`,
        [message.seq, attempt.at, attempt.trigger, attempt.statusCode, attempt.durationMs, attempt.error ?? null, attempt.responseBody],
      );
    });
  }

  async deliveries(subscriptionId: string, query: { status?: DeliveryStatus; limit: number; offset: number }): Promise<{ items: Delivery[]; total: number }> {
    const where = `subscription_id = $1${query.status === undefined ? '' : ' AND status = $2'}`;
    const params: unknown[] = query.status === undefined ? [subscriptionId] : [subscriptionId, query.status];
    const total = await this.db.query<{ total: string }>(`SELECT count(*) AS total FROM webhook_messages WHERE ${where}`, params);
    const { rows } = await this.db.query<PgMessageRow>(
      `SELECT * FROM webhook_messages WHERE ${where} ORDER BY seq LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    const items: Delivery[] = [];
    for (const row of rows) items.push(await this.toDelivery(messageRow(row)));
    return { items, total: Number(total.rows[0]!.total) };
  }

  async delivery(subscriptionId: string, deliveryId: string): Promise<Delivery | undefined> {
    const { rows } = await this.db.query<PgMessageRow>('SELECT * FROM webhook_messages WHERE subscription_id = $1 AND id = $2', [subscriptionId, deliveryId]);
    return rows[0] && this.toDelivery(messageRow(rows[0]));
  }

  async retry(subscriptionId: string, deliveryId: string): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE webhook_messages SET status = 'pending', next_attempt_ms = $1, next_trigger = 'manual' WHERE subscription_id = $2 AND id = $3 AND status = 'failed'`,
      [this.now().getTime(), subscriptionId, deliveryId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async recover(subscriptionId: string, since: Date): Promise<number> {
    const result = await this.db.query(
      `UPDATE webhook_messages SET status = 'pending', next_attempt_ms = $1, next_trigger = 'manual'
       WHERE subscription_id = $2 AND status = 'failed' AND created_at >= $3`,
      [this.now().getTime(), subscriptionId, since.toISOString()],
    );
    return result.rowCount ?? 0;
  }

  private async toDelivery(row: MessageRow): Promise<Delivery> {
    const { rows } = await this.db.query<AttemptRow>('SELECT * FROM webhook_attempts WHERE message_seq = $1 ORDER BY attempt', [row.seq]);
    return toDelivery(row, rows);
  }
}

import { newSigningKey } from '../signatures.js';
import { ROTATION_OVERLAP_MS, newSubscriptionId, newSubscriptionRow, toSubscription, type NewSubscription, type SubscriptionRow, type WebhookSubscription } from '../subscription-store.js';
import type { SubscriptionStorage } from '../webhook-storage.js';
import type { WebhookDatabase } from './webhook-database.js';

/** Subscriptions in the PostgreSQL store's database, shared by every instance; same rules as SubscriptionStore. */
export class PostgresSubscriptionStore implements SubscriptionStorage {
  constructor(
    private readonly db: WebhookDatabase,
    private readonly now: () => Date,
  ) {}

  async create(spec: NewSubscription): Promise<WebhookSubscription> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (id, url, event_types, agreement_id, party_id, description, signing, signing_key, owner, status, starts_after, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11) RETURNING *`,
      [...newSubscriptionRow(newSubscriptionId(), spec, this.now())],
    );
    return toSubscription(rows[0]!);
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    const { rows } = await this.db.query<SubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE id = $1', [id]);
    return rows[0] && toSubscription(rows[0]);
  }

  async list(): Promise<WebhookSubscription[]> {
    const { rows } = await this.db.query<SubscriptionRow>('SELECT * FROM webhook_subscriptions ORDER BY created_at, id');
    return rows.map(toSubscription);
  }

  async active(): Promise<WebhookSubscription[]> {
    const { rows } = await this.db.query<SubscriptionRow>(`SELECT * FROM webhook_subscriptions WHERE status = 'active' ORDER BY created_at, id`);
    return rows.map(toSubscription);
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.db.query('DELETE FROM webhook_subscriptions WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async rotate(id: string): Promise<WebhookSubscription | undefined> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<SubscriptionRow>('SELECT * FROM webhook_subscriptions WHERE id = $1 FOR UPDATE', [id]);
      if (rows[0] === undefined) return undefined;
      const current = toSubscription(rows[0]);
      const until = new Date(this.now().getTime() + ROTATION_OVERLAP_MS).toISOString();
      const rotated = await client.query<SubscriptionRow>(
        'UPDATE webhook_subscriptions SET signing_key = $1, previous_key = $2, previous_key_until = $3 WHERE id = $4 RETURNING *',
        [JSON.stringify(newSigningKey(current.signing)), JSON.stringify(current.key), until, id],
      );
      return toSubscription(rotated.rows[0]!);
    });
  }

  async disable(id: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = $1 WHERE id = $2 AND status = 'active'`, [reason, id]);
  }

  async succeeded(id: string): Promise<void> {
    await this.db.query('UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL', [id]);
  }

  async failed(id: string, at: Date): Promise<Date> {
    const { rows } = await this.db.query<{ failing_since: string }>(
      'UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, $1) WHERE id = $2 RETURNING failing_since',
      [at.toISOString(), id],
    );
    return new Date(rows[0]?.failing_since ?? at.toISOString());
  }

  async enable(id: string): Promise<WebhookSubscription | undefined> {
    const { rows } = await this.db.query<SubscriptionRow>(
      `UPDATE webhook_subscriptions SET status = 'active', disabled_reason = NULL, failing_since = NULL WHERE id = $1 RETURNING *`,
      [id],
    );
    return rows[0] && toSubscription(rows[0]);
  }
}

import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal } from '../auth/principal.js';
import { newSigningKey, type SigningKey, type SigningScheme } from './signatures.js';

/** How long a rotated-out key keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** The principal a subscription acts for: it is sent only what this principal may read. */
export type SubscriptionOwner = Pick<Principal, 'id' | 'name' | 'role' | 'partyId' | 'region'>;

export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  /** Exact names or `prefix.*`; empty = every type. */
  readonly eventTypes: readonly string[];
  readonly agreementId: string | null;
  readonly partyId: string | null;
  readonly description: string | null;
  readonly signing: SigningScheme;
  readonly key: SigningKey;
  readonly previousKey: SigningKey | null;
  readonly previousKeyUntil: string | null;
  readonly owner: SubscriptionOwner;
  readonly status: 'active' | 'disabled';
  readonly disabledReason: string | null;
  readonly failingSince: string | null;
  readonly startsAfter: string | null;
  readonly createdAt: string;
}

export interface NewSubscription {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly agreementId: string | null;
  readonly partyId: string | null;
  readonly description: string | null;
  readonly signing: SigningScheme;
  readonly owner: SubscriptionOwner;
  readonly startsAfter: string | null;
}

export interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string;
  agreement_id: string | null;
  party_id: string | null;
  description: string | null;
  signing: SigningScheme;
  signing_key: string;
  previous_key: string | null;
  previous_key_until: string | null;
  owner: string;
  status: 'active' | 'disabled';
  disabled_reason: string | null;
  failing_since: string | null;
  starts_after: string | null;
  created_at: string;
}

/**
 * A new subscription's column values, in the order both stores insert them (id, url, event_types,
 * agreement_id, party_id, description, signing, signing_key, owner, starts_after, created_at).
 */
export function newSubscriptionRow(id: string, spec: NewSubscription, now: Date): readonly (string | null)[] {
  return [
    id,
    spec.url,
    JSON.stringify(spec.eventTypes),
    spec.agreementId,
    spec.partyId,
    spec.description,
    spec.signing,
    JSON.stringify(newSigningKey(spec.signing)),
    JSON.stringify(spec.owner),
    spec.startsAfter,
    now.toISOString(),
  ];
}

/** Subscriptions in state.sqlite, for the embedded single-instance server. */
export class SubscriptionStore {
  /** Statements the delivery path runs for every message, prepared once. */
  private byId?: Database.Statement;
  private clearFailures?: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {}

  create(spec: NewSubscription): WebhookSubscription {
    const id = newSubscriptionId();
    this.db
      .prepare(
        `INSERT INTO webhook_subscriptions (id, url, event_types, agreement_id, party_id, description, signing, signing_key, owner, status, starts_after, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
      )
      .run(...newSubscriptionRow(id, spec, this.now()));
    return this.get(id)!;
  }

  get(id: string): WebhookSubscription | undefined {
    const row = (this.byId ??= this.db.prepare('SELECT * FROM webhook_subscriptions WHERE id = ?')).get(id) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  /** Oldest first. */
  list(): WebhookSubscription[] {
    return (this.db.prepare('SELECT * FROM webhook_subscriptions ORDER BY created_at, id').all() as SubscriptionRow[]).map(toSubscription);
  }

  active(): WebhookSubscription[] {
    return (this.db.prepare(`SELECT * FROM webhook_subscriptions WHERE status = 'active' ORDER BY created_at, id`).all() as SubscriptionRow[]).map(toSubscription);
  }

  /** Its messages and their attempts go with it. */
  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM webhook_subscriptions WHERE id = ?').run(id).changes > 0;
  }

  /** A new key; the current one keeps signing beside it for ROTATION_OVERLAP_MS. */
  rotate(id: string): WebhookSubscription | undefined {
    const current = this.get(id);
    if (current === undefined) return undefined;
    const until = new Date(this.now().getTime() + ROTATION_OVERLAP_MS).toISOString();
    this.db
      .prepare('UPDATE webhook_subscriptions SET signing_key = ?, previous_key = ?, previous_key_until = ? WHERE id = ?')
      .run(JSON.stringify(newSigningKey(current.signing)), JSON.stringify(current.key), until, id);
    return this.get(id);
  }

  disable(id: string, reason: string): void {
    this.db.prepare(`UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ? WHERE id = ? AND status = 'active'`).run(reason, id);
  }

  /** A delivery succeeded: the run of failures, if any, is over. */
  succeeded(id: string): void {
    (this.clearFailures ??= this.db.prepare('UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL')).run(id);
  }

  /** A delivery failed at `at`; returns since when the subscription has known only failures. */
  failed(id: string, at: Date): Date {
    this.db.prepare('UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, ?) WHERE id = ?').run(at.toISOString(), id);
    const row = this.db.prepare('SELECT failing_since FROM webhook_subscriptions WHERE id = ?').get(id) as { failing_since: string | null } | undefined;
    return new Date(row?.failing_since ?? at.toISOString());
  }

  enable(id: string): WebhookSubscription | undefined {
    this.db.prepare(`UPDATE webhook_subscriptions SET status = 'active', disabled_reason = NULL, failing_since = NULL WHERE id = ?`).run(id);
    return this.get(id);
  }

  /** The keys that sign a delivery at `at`: the current one, and the previous one during a rotation. */
  static signingKeys(subscription: WebhookSubscription, at: Date): SigningKey[] {
    const { key, previousKey, previousKeyUntil } = subscription;
    return previousKey !== null && previousKeyUntil !== null && at < new Date(previousKeyUntil) ? [key, previousKey] : [key];
  }
}

export function newSubscriptionId(): string {
  return `wh_${randomBytes(12).toString('base64url')}`;
}

export function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as string[],
    agreementId: row.agreement_id,
    partyId: row.party_id,
    description: row.description,
    signing: row.signing,
    key: JSON.parse(row.signing_key) as SigningKey,
    previousKey: row.previous_key === null ? null : (JSON.parse(row.previous_key) as SigningKey),
    previousKeyUntil: row.previous_key_until,
    owner: JSON.parse(row.owner) as SubscriptionOwner,
    status: row.status,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    startsAfter: row.starts_after,
    createdAt: row.created_at,
  };
}

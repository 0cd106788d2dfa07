import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { IsoDate } from '../core/agreement-events.js';

/** A message to write: one per matching subscription and event (or transition). */
export interface NewMessage {
  readonly subscriptionId: string;
  /** What it announces; a second message for the same subscription and source is not written. */
  readonly source: string;
  readonly eventType: string;
  readonly position: string;
  readonly body: string;
}

export interface DispatchCheckpoint {
  readonly position: string | undefined;
  readonly sweptThrough: IsoDate;
}

/** What one step of the dispatcher writes, all in one transaction. */
export interface DispatchCommit {
  readonly messages: readonly NewMessage[];
  readonly position?: string;
  readonly sweptThrough: IsoDate;
  /** Dates ahead on which an agreement's known transitions take effect. */
  readonly scheduled?: readonly { readonly agreementId: string; readonly effectiveOn: IsoDate }[];
}

export interface QueuedMessage {
  readonly seq: number;
  readonly id: string;
  readonly subscriptionId: string;
  readonly body: string;
  readonly attempts: number;
  readonly nextTrigger: 'scheduled' | 'manual';
}

export interface Attempt {
  readonly attempt: number;
  readonly at: string;
  readonly trigger: 'scheduled' | 'manual';
  /** 0 = no response. */
  readonly statusCode: number;
  readonly durationMs: number;
  readonly error?: string;
  /** The first 2 KiB. */
  readonly responseBody: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  readonly deliveryId: string;
  readonly eventType: string;
  readonly position: string;
  readonly status: DeliveryStatus;
  readonly attempts: Attempt[];
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
}

/** The message's state after an attempt. */
export type AttemptOutcome =
  | { readonly status: 'delivered' | 'failed' }
  | { readonly status: 'pending'; readonly nextAttemptMs: number };

export interface MessageRow {
  seq: number;
  id: string;
  subscription_id: string;
  event_type: string;
  position: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_ms: number | null;
  next_trigger: 'scheduled' | 'manual';
  created_at: string;
}

export interface AttemptRow {
  attempt: number;
  at: string;
  trigger: 'scheduled' | 'manual';
  status_code: number;
  duration_ms: number;
  error: string | null;
  response_body: string;
}

/**
 * The first pending message of each active subscription: only it may be sent, so each receives in
 * position order. Looked up per subscription in the queue index (status, subscription_id, seq),
 * which costs a step per subscription; a GROUP BY over the pending messages cost a step per
 * message, twice for every delivery, and made a backlog slow to drain.
 */
const HEADS = `webhook_subscriptions s JOIN webhook_messages m
  ON m.seq = (SELECT min(seq) FROM webhook_messages WHERE status = 'pending' AND subscription_id = s.id)
  WHERE s.status = 'active'`;

/**
 * The persisted outbox: messages the dispatcher wrote, their attempts, and the dispatcher's
 * checkpoint, which moves only in the transaction that writes its messages. In state.sqlite, for
 * the embedded single-instance server.
 */
export class Outbox {
  private readonly insertMessage: Database.Statement;
  private readonly dueStatement: Database.Statement;
  private readonly nextDueStatement: Database.Statement;
  private readonly pendingCountStatement: Database.Statement;
  private statements?: { moveMessage: Database.Statement; countAttempts: Database.Statement; insertAttempt: Database.Statement };

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.insertMessage = db.prepare(
      `INSERT INTO webhook_messages (id, subscription_id, source, event_type, position, body, status, next_attempt_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (subscription_id, source) DO NOTHING`,
    );
    this.nextDueStatement = db.prepare(`SELECT min(m.next_attempt_ms) AS next FROM ${HEADS}`);
    this.pendingCountStatement = db.prepare(`SELECT count(*) AS count FROM webhook_messages WHERE status = 'pending'`);
    // Busy subscriptions are left out here, not after: each row carries its body, and only `limit` are sent.
    this.dueStatement = db.prepare(
      `SELECT m.* FROM ${HEADS} AND m.next_attempt_ms <= ? AND s.id NOT IN (SELECT value FROM json_each(?)) ORDER BY m.seq LIMIT ?`,
    );
  }

  checkpoint(): DispatchCheckpoint | undefined {
    const row = this.db.prepare('SELECT position, swept_through FROM webhook_dispatch WHERE id = 1').get() as
      | { position: string | null; swept_through: string }
      | undefined;
    return row && { position: row.position ?? undefined, sweptThrough: row.swept_through };
  }

  /** Writes the messages and moves the checkpoint, atomically; returns how many messages were new. */
  commit(step: DispatchCommit): number {
    return this.db.transaction(() => {
      const at = this.now();
      let written = 0;
      for (const message of step.messages) {
        written += this.insertMessage.run(messageId(message), message.subscriptionId, message.source, message.eventType, message.position, message.body, at.getTime(), at.toISOString()).changes;
      }
      for (const { agreementId, effectiveOn } of step.scheduled ?? []) {
        this.db.prepare('INSERT OR IGNORE INTO webhook_scheduled (agreement_id, effective_on) VALUES (?, ?)').run(agreementId, effectiveOn);
      }
      this.db.prepare('DELETE FROM webhook_scheduled WHERE effective_on <= ?').run(step.sweptThrough);
      this.db
        .prepare(
          `INSERT INTO webhook_dispatch (id, position, swept_through) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET position = coalesce(excluded.position, position), swept_through = excluded.swept_through`,
        )
        .run(step.position ?? null, step.sweptThrough);
      return written;
    })();
  }

  /** Agreements with a transition taking effect after `after` and on or before `through`. */
  scheduledAgreements(after: IsoDate, through: IsoDate): string[] {
    return (
      this.db.prepare('SELECT DISTINCT agreement_id FROM webhook_scheduled WHERE effective_on > ? AND effective_on <= ? ORDER BY agreement_id').all(after, through) as {
        agreement_id: string;
      }[]
    ).map((row) => row.agreement_id);
  }

  /** Messages due now, at most one per subscription (its first pending), leaving out busy subscriptions. */
  due(limit: number, busy: ReadonlySet<string>): QueuedMessage[] {
    return (this.dueStatement.all(this.now().getTime(), JSON.stringify([...busy]), limit) as MessageRow[]).map(toQueued);
  }

  /** Messages not yet delivered nor failed, those waiting for a retry included. */
  pendingCount(): number {
    return (this.pendingCountStatement.get() as { count: number }).count;
  }

  /** When the next message falls due (epoch ms), or undefined when none is pending. */
  nextDueMs(): number | undefined {
    const row = this.nextDueStatement.get() as { next: number | null };
    return row.next ?? undefined;
  }

  /**
   * Runs `writes` in one transaction (nested ones become savepoints). better-sqlite3 takes only
   * synchronous functions; these writes are synchronous calls behind `await`s, so they all run
   * before the next I/O callback, between this BEGIN and COMMIT.
   */
  async transaction(writes: () => void | Promise<void>): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      await writes();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Keeps the attempt and moves the message on, in one transaction. */
  recordAttempt(message: QueuedMessage, attempt: Omit<Attempt, 'attempt'>, outcome: AttemptOutcome): void {
    this.db.transaction(() => {
      const { moveMessage, countAttempts, insertAttempt } = this.attemptStatements;
      const moved = moveMessage.run(outcome.status, attempt.trigger === 'scheduled' ? 1 : 0, outcome.status === 'pending' ? outcome.nextAttemptMs : null, message.seq);
      if (moved.changes === 0) return; // deleted with its subscription meanwhile
      const { count } = countAttempts.get(message.seq) as { count: number };
      insertAttempt.run(message.seq, count + 1, attempt.at, attempt.trigger, attempt.statusCode, attempt.durationMs, attempt.error ?? null, attempt.responseBody);
    })();
  }

  private get attemptStatements() {
    return (this.statements ??= {
      moveMessage: this.db.prepare(`UPDATE webhook_messages SET status = ?, attempts = attempts + ?, next_attempt_ms = ?, next_trigger = 'scheduled' WHERE seq = ?`),
      countAttempts: this.db.prepare('SELECT count(*) AS count FROM webhook_attempts WHERE message_seq = ?'),
      insertAttempt: this.db.prepare(
        'INSERT INTO webhook_attempts (message_seq, attempt, at, trigger, status_code, duration_ms, error, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    });
  }

  deliveries(subscriptionId: string, query: { status?: DeliveryStatus; limit: number; offset: number }): { items: Delivery[]; total: number } {
    const where = `subscription_id = ?${query.status === undefined ? '' : ' AND status = ?'}`;
    const params = query.status === undefined ? [subscriptionId] : [subscriptionId, query.status];
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM webhook_messages WHERE ${where}`).get(...params) as { total: number };
    const rows = this.db.prepare(`SELECT * FROM webhook_messages WHERE ${where} ORDER BY seq LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset) as MessageRow[];
    return { items: rows.map((row) => this.toDelivery(row)), total };
  }

  delivery(subscriptionId: string, deliveryId: string): Delivery | undefined {
    const row = this.db.prepare('SELECT * FROM webhook_messages WHERE subscription_id = ? AND id = ?').get(subscriptionId, deliveryId) as MessageRow | undefined;
    return row && this.toDelivery(row);
  }

  /** Queues one failed message again, for one manual attempt now. False when it has not failed. */
  retry(subscriptionId: string, deliveryId: string): boolean {
    return (
      this.db
        .prepare(`UPDATE webhook_messages SET status = 'pending', next_attempt_ms = ?, next_trigger = 'manual' WHERE subscription_id = ? AND id = ? AND status = 'failed'`)
        .run(this.now().getTime(), subscriptionId, deliveryId).changes > 0
    );
  }

  /** Queues every message that failed since `since` again (one manual attempt each); returns how many. */
  recover(subscriptionId: string, since: Date): number {
    return this.db
      .prepare(
        `UPDATE webhook_messages SET status = 'pending', next_attempt_ms = ?, next_trigger = 'manual'
         WHERE subscription_id = ? AND status = 'failed' AND created_at >= ?`,
      )
      .run(this.now().getTime(), subscriptionId, since.toISOString()).changes;
  }

  private toDelivery(row: MessageRow): Delivery {
    return toDelivery(row, this.db.prepare('SELECT * FROM webhook_attempts WHERE message_seq = ? ORDER BY attempt').all(row.seq) as AttemptRow[]);
  }
}

export function toDelivery(row: MessageRow, attemptRows: readonly AttemptRow[]): Delivery {
  const attempts = attemptRows.map(
    (a): Attempt => ({
      attempt: a.attempt,
      at: a.at,
      trigger: a.trigger,
      statusCode: a.status_code,
      durationMs: a.duration_ms,
      ...(a.error !== null && { error: a.error }),
      responseBody: a.response_body,
    }),
  );
  return {
    deliveryId: row.id,
    eventType: row.event_type,
    position: row.position,
    status: row.status,
    attempts,
    nextAttemptAt: row.status === 'pending' && row.next_attempt_ms !== null ? new Date(row.next_attempt_ms).toISOString() : null,
    createdAt: row.created_at,
  };
}

/**
 * The webhook-id follows from the subscription and what the message announces: should a commit
 * ever be lost (a power cut) and the dispatcher announce the event again, the receiver sees the
 * same id and can drop the duplicate.
 */
export function messageId({ subscriptionId, source }: Pick<NewMessage, 'subscriptionId' | 'source'>): string {
  return `msg_${createHash('sha256').update(`${subscriptionId}\n${source}`).digest('base64url').slice(0, 24)}`;
}

export function toQueued(row: MessageRow): QueuedMessage {
  return { seq: row.seq, id: row.id, subscriptionId: row.subscription_id, body: row.body, attempts: row.attempts, nextTrigger: row.next_trigger };
}

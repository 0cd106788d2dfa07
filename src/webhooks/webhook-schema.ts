import type Database from 'better-sqlite3';
import { migrateState } from '../state/state-schema.js';

/**
 * Webhook subscriptions, their outbox and the dispatcher's checkpoint live in state.sqlite; their
 * tables are its migration 2 (state-schema.ts). Deleting a subscription cascades to its messages,
 * which needs SQLite's foreign keys on for the connection.
 */
export function migrateWebhooks(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
  migrateState(db);
}

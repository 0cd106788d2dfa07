import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal } from '../auth/principal.js';
import type { Awaitable } from '../auth/tokens/token-store.js';

/** A feed as its owner lists it: never the token. */
export interface CalendarFeed {
  readonly feedId: string;
  readonly description?: string;
  readonly createdAt: string;
}

/** `cal_` + 256 random bits, base64url: the URL is the credential, so it must not be guessable. */
export const FEED_TOKEN_PATTERN = /^cal_[A-Za-z0-9_-]{43}$/;

export function newFeedToken(): string {
  return 'cal_' + randomBytes(32).toString('base64url');
}

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Where calendar feeds live: `state.sqlite` beside the embedded log, or the PostgreSQL store's
 * database, shared by every instance (PostgresCalendarFeedStore). The token is kept only as its
 * SHA-256, as ledger tokens are; the feed keeps the principal that made it, whose reading rights
 * bound what it shows.
 */
export interface CalendarFeedStore {
  create(owner: Principal, description: string | undefined): Awaitable<{ feedToken: string; feed: CalendarFeed }>;
  listOf(owner: Principal): Awaitable<CalendarFeed[]>;
  /** False when there is no such live feed of this owner: another's feed is not told apart from none. */
  revoke(owner: Principal, feedId: string): Awaitable<boolean>;
  /** The principal a live feed answers as, or undefined. */
  ownerOf(feedToken: string): Awaitable<Principal | undefined>;
}

export const CALENDAR_FEED_STORE = Symbol('CalendarFeedStore');

interface FeedRow {
  id: string;
  principal: string;
  description: string | null;
  created_at: string;
}

/** The embedded store's: a table of `state.sqlite` (state-schema.ts, migration 5). */
export class SqliteCalendarFeedStore implements CalendarFeedStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(owner: Principal, description: string | undefined): { feedToken: string; feed: CalendarFeed } {
    const feedToken = newFeedToken();
    const feed = { feedId: `cal_${randomBytes(8).toString('hex')}`, ...(description !== undefined && { description }), createdAt: this.now().toISOString() };
    this.db
      .prepare('INSERT INTO calendar_feeds (id, secret_hash, owner_id, principal, description, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(feed.feedId, hashFeedToken(feedToken), owner.id, JSON.stringify(owner), description ?? null, feed.createdAt);
    return { feedToken, feed };
  }

  listOf(owner: Principal): CalendarFeed[] {
    const rows = this.db.prepare('SELECT * FROM calendar_feeds WHERE owner_id = ? AND revoked_at IS NULL ORDER BY created_at, id').all(owner.id) as FeedRow[];
    return rows.map(toFeed);
  }

  revoke(owner: Principal, feedId: string): boolean {
    const info = this.db.prepare('UPDATE calendar_feeds SET revoked_at = ? WHERE id = ? AND owner_id = ? AND revoked_at IS NULL').run(this.now().toISOString(), feedId, owner.id);
    return info.changes > 0;
  }

  ownerOf(feedToken: string): Principal | undefined {
    if (!FEED_TOKEN_PATTERN.test(feedToken)) return undefined;
    const row = this.db.prepare('SELECT * FROM calendar_feeds WHERE secret_hash = ? AND revoked_at IS NULL').get(hashFeedToken(feedToken)) as FeedRow | undefined;
    return row && (JSON.parse(row.principal) as Principal);
  }
}

function toFeed(row: FeedRow): CalendarFeed {
  return { feedId: row.id, ...(row.description !== null && { description: row.description }), createdAt: row.created_at };
}

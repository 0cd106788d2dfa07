import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Principal } from '../auth/principal.js';
import type { Awaitable } from '../auth/tokens/token-store.js';

/** What a feed narrows its owner's duties to (API.md "Calendar feeds"); null: no narrowing. */
export interface CalendarFeedSpec {
  readonly name: string | null;
  readonly region: string | null;
  readonly partyId: string | null;
}

/** A feed as its owner lists it: never the token. */
export interface CalendarFeed extends CalendarFeedSpec {
  readonly id: string;
  readonly createdAt: string;
}

/** A live feed: the principal it answers as, and what it is narrowed to. */
export interface OpenedFeed {
  readonly owner: Principal;
  readonly feed: CalendarFeed;
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
  create(owner: Principal, spec: CalendarFeedSpec): Awaitable<{ feedToken: string; feed: CalendarFeed }>;
  listOf(owner: Principal): Awaitable<CalendarFeed[]>;
  /** False when there is no such live feed of this owner: another's feed is not told apart from none. */
  revoke(owner: Principal, feedId: string): Awaitable<boolean>;
  /** The live feed of this token, or undefined. */
  open(feedToken: string): Awaitable<OpenedFeed | undefined>;
}

export const CALENDAR_FEED_STORE = Symbol('CalendarFeedStore');

export interface FeedRow {
  id: string;
  principal: string;
  name: string | null;
  region: string | null;
  party_id: string | null;
  created_at: string;
}

export function newFeedId(): string {
  return `calf_${randomBytes(8).toString('hex')}`;
}

/** The embedded store's: a table of `state.sqlite` (state-schema.ts, migration 5). */
export class SqliteCalendarFeedStore implements CalendarFeedStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(owner: Principal, spec: CalendarFeedSpec): { feedToken: string; feed: CalendarFeed } {
    const feedToken = newFeedToken();
    const feed: CalendarFeed = { id: newFeedId(), ...spec, createdAt: this.now().toISOString() };
    this.db
      .prepare('INSERT INTO calendar_feeds (id, secret_hash, owner_id, principal, name, region, party_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(feed.id, hashFeedToken(feedToken), owner.id, JSON.stringify(owner), feed.name, feed.region, feed.partyId, feed.createdAt);
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

  open(feedToken: string): OpenedFeed | undefined {
    if (!FEED_TOKEN_PATTERN.test(feedToken)) return undefined;
    const row = this.db.prepare('SELECT * FROM calendar_feeds WHERE secret_hash = ? AND revoked_at IS NULL').get(hashFeedToken(feedToken)) as FeedRow | undefined;
    return row && openedFeed(row);
  }
}

export function toFeed(row: FeedRow): CalendarFeed {
  return { id: row.id, name: row.name, region: row.region, partyId: row.party_id, createdAt: row.created_at };
}

export function openedFeed(row: FeedRow): OpenedFeed {
  return { owner: JSON.parse(row.principal) as Principal, feed: toFeed(row) };
}

import type pg from 'pg';
import type { Principal } from '../auth/principal.js';
import { inTransaction } from '../state/postgres-state.js';
import {
  FEED_TOKEN_PATTERN,
  hashFeedToken,
  newFeedId,
  newFeedToken,
  openedFeed,
  toFeed,
  type CalendarFeed,
  type CalendarFeedSpec,
  type CalendarFeedStore,
  type FeedRow,
  type OpenedFeed,
} from './calendar-feed-store.js';

/** Instances creating the table together do it one at a time. */
const FEEDS_LOCK = 0x6c6467_0010;

/**
 * Calendar feeds in the PostgreSQL store's database, so every instance serves a feed made through
 * any of them and a revocation through one holds on all. Same table and rules as the embedded store.
 */
export class PostgresCalendarFeedStore implements CalendarFeedStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
  ) {}

  static async open(pool: pg.Pool, now: () => Date = () => new Date()): Promise<PostgresCalendarFeedStore> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [FEEDS_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS calendar_feeds (
        id           text PRIMARY KEY,
        secret_hash  text NOT NULL UNIQUE,
        owner_id     text NOT NULL,
        principal    text NOT NULL,
        name         text,
        region       text,
        party_id     text,
        created_at   text NOT NULL,
        revoked_at   text
      )`);
    });
    return new PostgresCalendarFeedStore(pool, now);
  }

  async create(owner: Principal, spec: CalendarFeedSpec): Promise<{ feedToken: string; feed: CalendarFeed }> {
    const feedToken = newFeedToken();
    const feed: CalendarFeed = { id: newFeedId(), ...spec, createdAt: this.now().toISOString() };
    await this.pool.query(
      'INSERT INTO calendar_feeds (id, secret_hash, owner_id, principal, name, region, party_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [feed.id, hashFeedToken(feedToken), owner.id, JSON.stringify(owner), feed.name, feed.region, feed.partyId, feed.createdAt],
    );
    return { feedToken, feed };
  }

  async listOf(owner: Principal): Promise<CalendarFeed[]> {
    const { rows } = await this.pool.query<FeedRow>('SELECT * FROM calendar_feeds WHERE owner_id = $1 AND revoked_at IS NULL ORDER BY created_at, id', [owner.id]);
    return rows.map(toFeed);
  }

  async revoke(owner: Principal, feedId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE calendar_feeds SET revoked_at = $1 WHERE id = $2 AND owner_id = $3 AND revoked_at IS NULL', [this.now().toISOString(), feedId, owner.id]);
    return (rowCount ?? 0) > 0;
  }

  async open(feedToken: string): Promise<OpenedFeed | undefined> {
    if (!FEED_TOKEN_PATTERN.test(feedToken)) return undefined;
    const { rows } = await this.pool.query<FeedRow>('SELECT * FROM calendar_feeds WHERE secret_hash = $1 AND revoked_at IS NULL', [hashFeedToken(feedToken)]);
    return rows[0] && openedFeed(rows[0]);
  }
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { IsoDate } from '../agreements/domain/agreement-events.js';
import { agreementSummary, type AgreementProjection, type AgreementSummary } from '../../projections/index.js';

/** One agreement's read-model row: the projection state and its summary as of a date. */
export interface AgreementRow {
  readonly agreementId: string;
  readonly projection: AgreementProjection;
  readonly summary: AgreementSummary;
}

export interface AgreementFilter {
  readonly region?: string;
  readonly status?: AgreementSummary['status'];
  readonly partyId?: string;
  /** Only these parties' agreements (a clerk's view). */
  readonly visibleToParty?: string;
  readonly limit: number;
  readonly offset: number;
}

const CHECKPOINT = 'agreements';
/** Parsed rows kept for queries; a status query then parses no JSON at all. */
const CACHE_SIZE = 10_000;

/**
 * The read models: derived, disposable, rebuilt from the log at any time, in their own SQLite
 * file. The checkpoint is written in the same transaction as the rows, so a crash can neither
 * lose an event's effect nor apply it twice. Summaries hold "today"; a row whose summary could
 * change on a later date (a future effectiveFrom or termination) carries that date and is
 * recomputed when it comes.
 */
export class ReadModelStore {
  readonly db: Database.Database;
  /** Summaries can only go stale when the date changes: new rows never carry a past change date. */
  private refreshedOn?: IsoDate;
  /** Least recently used first (a Map keeps insertion order). */
  private readonly cache = new Map<string, AgreementRow>();
  private readonly selectRow: Database.Statement<[string], { summary: string; projection: string }>;

  constructor(dataDir: string, file = 'read-models.sqlite') {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, file));
    this.db.pragma('journal_mode = WAL');
    // Disposable: a lost tail after power loss is replayed from the checkpoint, which is lost with it.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS agreements (
        agreement_id TEXT PRIMARY KEY,
        region       TEXT NOT NULL,
        status       TEXT NOT NULL,
        summary      TEXT NOT NULL,
        summary_on   TEXT NOT NULL,
        valid_until  TEXT,
        projection   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS agreements_by_region ON agreements (region, status);
      CREATE INDEX IF NOT EXISTS agreements_by_next_change ON agreements (valid_until) WHERE valid_until IS NOT NULL;
      CREATE TABLE IF NOT EXISTS agreement_parties (
        party_id     TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        PRIMARY KEY (party_id, agreement_id)
      ) STRICT, WITHOUT ROWID;
    `);
    this.selectRow = this.db.prepare('SELECT summary, projection FROM agreements WHERE agreement_id = ?');
  }

  checkpoint(): string | undefined {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(CHECKPOINT) as { position: string } | undefined;
    return row?.position;
  }

  /** The projection to evolve further; states share their fact list append-only, so a cached one is safe. */
  load(agreementId: string): AgreementProjection | undefined {
    const cached = this.cache.get(agreementId);
    if (cached) return cached.projection;
    const row = this.db.prepare('SELECT projection FROM agreements WHERE agreement_id = ?').get(agreementId) as
      | { projection: string }
      | undefined;
    return row && (JSON.parse(row.projection) as AgreementProjection);
  }

  /** Writes the changed agreements and the new checkpoint atomically. */
  commit(changed: Iterable<AgreementProjection>, position: string, today: IsoDate): void {
    const upsert = this.db.prepare(
      `INSERT INTO agreements (agreement_id, region, status, summary, summary_on, valid_until, projection)
       VALUES (@agreementId, @region, @status, @summary, @today, @validUntil, @projection)
       ON CONFLICT (agreement_id) DO UPDATE SET region = excluded.region, status = excluded.status, summary = excluded.summary,
         summary_on = excluded.summary_on, valid_until = excluded.valid_until, projection = excluded.projection`,
    );
    const party = this.db.prepare('INSERT OR IGNORE INTO agreement_parties (party_id, agreement_id) VALUES (?, ?)');
    const checkpoint = this.db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
    const rows: AgreementRow[] = [];
    this.db.transaction(() => {
      for (const projection of changed) {
        const summary = agreementSummary(projection, { asOf: today });
        if (!summary) continue;
        upsert.run({ ...rowValues(projection, summary, today), projection: JSON.stringify(projection) });
        for (const partyId of summary.parties) party.run(partyId, summary.agreementId);
        rows.push({ agreementId: summary.agreementId, projection, summary });
      }
      checkpoint.run(CHECKPOINT, position);
    })();
    // Only after the commit: a query never sees a row the database does not have.
    for (const row of rows) if (this.cache.has(row.agreementId)) this.remember(row);
  }

  /** Callers must not change what they get: the row may be shared with later queries. */
  get(agreementId: string, today: IsoDate): AgreementRow | undefined {
    this.refreshStale(today);
    const cached = this.cache.get(agreementId);
    if (cached) return this.remember(cached);
    const row = this.selectRow.get(agreementId);
    return row && this.remember({ agreementId, projection: JSON.parse(row.projection), summary: JSON.parse(row.summary) });
  }

  private remember(row: AgreementRow): AgreementRow {
    this.cache.delete(row.agreementId);
    this.cache.set(row.agreementId, row);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return row;
  }

  list(filter: AgreementFilter, today: IsoDate): { items: AgreementSummary[]; total: number } {
    this.refreshStale(today);
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: filter.limit, offset: filter.offset };
    if (filter.region !== undefined) (where.push('a.region = @region'), (params.region = filter.region));
    if (filter.status !== undefined) (where.push('a.status = @status'), (params.status = filter.status));
    for (const [key, partyId] of [['party', filter.partyId], ['visible', filter.visibleToParty]] as const) {
      if (partyId === undefined) continue;
      where.push(`EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.agreement_id AND p.party_id = @${key})`);
      params[key] = partyId;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM agreements a ${clause}`).get(params) as { total: number };
    const rows = this.db
      .prepare(`SELECT summary FROM agreements a ${clause} ORDER BY a.agreement_id LIMIT @limit OFFSET @offset`)
      .all(params) as Array<{ summary: string }>;
    return { items: rows.map((r) => JSON.parse(r.summary) as AgreementSummary), total };
  }

  /** The projections of a party's agreements, for its pending list. */
  projectionsOfParty(partyId: string): AgreementProjection[] {
    const rows = this.db
      .prepare(
        `SELECT a.projection FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.agreement_id
         WHERE p.party_id = ? ORDER BY a.agreement_id`,
      )
      .all(partyId) as Array<{ projection: string }>;
    return rows.map((r) => JSON.parse(r.projection) as AgreementProjection);
  }

  /** Everything, for comparing a rebuild with the live read models. */
  dump(): { checkpoint: string | undefined; agreements: unknown[]; parties: unknown[] } {
    return {
      checkpoint: this.checkpoint(),
      agreements: this.db.prepare('SELECT agreement_id, region, status, summary, projection FROM agreements ORDER BY agreement_id').all(),
      parties: this.db.prepare('SELECT * FROM agreement_parties ORDER BY party_id, agreement_id').all(),
    };
  }

  /** Empties every read model and the checkpoint, for a rebuild from the start of the log. */
  reset(): void {
    this.cache.clear();
    this.db.exec('DELETE FROM agreements; DELETE FROM agreement_parties; DELETE FROM checkpoints;');
  }

  close(): void {
    this.db.close();
  }

  /** Summaries that a date has overtaken (a future effectiveFrom or termination arrived). */
  private refreshStale(today: IsoDate): void {
    if (this.refreshedOn === today) return;
    this.refreshedOn = today;
    const stale = this.db
      .prepare('SELECT projection FROM agreements WHERE valid_until IS NOT NULL AND valid_until <= ? AND summary_on < ?')
      .all(today, today) as Array<{ projection: string }>;
    if (stale.length === 0) return;
    this.cache.clear();
    const update = this.db.prepare(
      'UPDATE agreements SET status = @status, summary = @summary, summary_on = @today, valid_until = @validUntil WHERE agreement_id = @agreementId',
    );
    this.db.transaction(() => {
      for (const { projection } of stale) {
        const state = JSON.parse(projection) as AgreementProjection;
        const summary = agreementSummary(state, { asOf: today });
        if (summary) update.run(rowValues(state, summary, today));
      }
    })();
  }
}

function rowValues(projection: AgreementProjection, summary: AgreementSummary, today: IsoDate) {
  return {
    agreementId: summary.agreementId,
    region: summary.region,
    status: summary.status,
    summary: JSON.stringify(summary),
    today,
    validUntil: nextChangeDate(projection, today),
  };
}

/**
 * The first date after `today` on which the summary could read differently without a new event:
 * only effectiveFrom and a termination's effectiveOn may lie ahead (the decider refuses future
 * decisions, annulments and signatures).
 */
function nextChangeDate(projection: AgreementProjection, today: IsoDate): IsoDate | null {
  if (projection.status !== 'drafted') return null;
  const dates = [projection.effectiveFrom, ...projection.facts.slice(0, projection.factCount).map((f) => (f.event.type === 'AgreementTerminated' ? f.event.data.effectiveOn : null))];
  const ahead = dates.filter((d): d is string => d !== null && d > today).sort();
  return ahead[0] ?? null;
}

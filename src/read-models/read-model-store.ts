import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { IsoDate } from '../core/agreement-events.js';
import { agreementSummary, nextSummaryChange, revisionOf, type AgreementProjection, type AgreementSummary } from '../../projections/index.js';

/** Where a summary that went stale gets its agreement's state from. */
export type ProjectionOf = (agreementId: string) => Promise<AgreementProjection>;

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
/** The layout of this file, and of the summaries in it; a change means a rebuild. */
const LAYOUT = 5;

/**
 * The read models that answer lists: one summary row per agreement, who its parties are, and
 * which agreements are part of which (a framework's `parts`).
 * Derived, disposable, rebuilt from the log at any time, in their own SQLite file. The checkpoint
 * is written in the same transaction as the rows, so a crash can neither lose an event's effect
 * nor apply it twice. Summaries hold "today"; a row whose summary could change on a later date (a
 * future effectiveFrom or termination, the end of a term) carries that date and is recomputed when
 * it comes. Each
 * row keeps the stream revision it was computed from and is never overwritten from an older one.
 */
export class ReadModelStore {
  readonly db: Database.Database;
  /** Summaries can only go stale when the date changes: new rows never carry a past change date. */
  private refreshedOn?: IsoDate;

  /** `file` ':memory:' keeps them in memory, for tests. */
  constructor(dataDir: string, file = 'read-models.sqlite') {
    if (file !== ':memory:') mkdirSync(dataDir, { recursive: true });
    this.db = new Database(file === ':memory:' ? file : join(dataDir, file));
    this.db.pragma('journal_mode = WAL');
    // Disposable: a lost tail after power loss is replayed from the checkpoint, which is lost with it.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Derived data: a file of another layout is dropped and rebuilt from the log, never migrated.
    if (this.db.pragma('user_version', { simple: true }) !== LAYOUT) {
      this.db.exec(`DROP TABLE IF EXISTS checkpoints; DROP TABLE IF EXISTS agreements; DROP TABLE IF EXISTS agreement_parties; DROP TABLE IF EXISTS agreement_parts;
        PRAGMA user_version = ${LAYOUT};`);
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS agreements (
        agreement_id TEXT PRIMARY KEY,
        region       TEXT NOT NULL,
        status       TEXT NOT NULL,
        summary      TEXT NOT NULL,
        summary_on   TEXT NOT NULL,
        valid_until  TEXT,
        revision     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS agreements_by_region ON agreements (region, status);
      CREATE INDEX IF NOT EXISTS agreements_by_next_change ON agreements (valid_until) WHERE valid_until IS NOT NULL;
      CREATE TABLE IF NOT EXISTS agreement_parties (
        party_id     TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        PRIMARY KEY (party_id, agreement_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS agreement_parts (
        framework_id TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        PRIMARY KEY (framework_id, agreement_id)
      ) STRICT, WITHOUT ROWID;
    `);
  }

  checkpoint(): string | undefined {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(CHECKPOINT) as { position: string } | undefined;
    return row?.position;
  }

  /** Writes the changed agreements and the new checkpoint atomically. */
  commit(changed: Iterable<AgreementProjection>, position: string, today: IsoDate): void {
    const upsert = this.db.prepare(
      `INSERT INTO agreements (agreement_id, region, status, summary, summary_on, valid_until, revision)
       VALUES (@agreementId, @region, @status, @summary, @today, @validUntil, @revision)
       ON CONFLICT (agreement_id) DO UPDATE SET region = excluded.region, status = excluded.status, summary = excluded.summary,
         summary_on = excluded.summary_on, valid_until = excluded.valid_until, revision = excluded.revision
       WHERE excluded.revision >= agreements.revision`,
    );
    const party = this.db.prepare('INSERT OR IGNORE INTO agreement_parties (party_id, agreement_id) VALUES (?, ?)');
    const part = this.db.prepare('INSERT OR IGNORE INTO agreement_parts (framework_id, agreement_id) VALUES (?, ?)');
    const checkpoint = this.db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
    this.db.transaction(() => {
      for (const projection of changed) {
        const summary = agreementSummary(projection, { asOf: today });
        if (!summary) continue;
        upsert.run(rowValues(projection, summary, today));
        for (const partyId of summary.parties) party.run(partyId, summary.agreementId);
        // partOf is set once, by the draft: a row is never removed.
        if (projection.status === 'drafted' && projection.partOf !== null) part.run(projection.partOf, summary.agreementId);
      }
      checkpoint.run(CHECKPOINT, position);
    })();
  }

  async list(filter: AgreementFilter, today: IsoDate, projectionOf: ProjectionOf): Promise<{ items: AgreementSummary[]; total: number }> {
    await this.refreshStale(today, projectionOf);
    const { clause, params } = this.whereOf(filter);
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM agreements a ${clause}`).get(params) as { total: number };
    const rows = this.db
      .prepare(`SELECT summary FROM agreements a ${clause} ORDER BY a.agreement_id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.limit, offset: filter.offset }) as Array<{ summary: string }>;
    return { items: rows.map((r) => JSON.parse(r.summary) as AgreementSummary), total };
  }

  /** The ids of every agreement the filter keeps, in id order: for questions a summary row cannot answer. */
  agreementIds(filter: Omit<AgreementFilter, 'status' | 'limit' | 'offset'>): string[] {
    const { clause, params } = this.whereOf(filter);
    return (this.db.prepare(`SELECT agreement_id FROM agreements a ${clause} ORDER BY a.agreement_id`).all(params) as Array<{ agreement_id: string }>).map(
      (r) => r.agreement_id,
    );
  }

  private whereOf(filter: Omit<AgreementFilter, 'limit' | 'offset'>): { clause: string; params: Record<string, string | number> } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (filter.region !== undefined) {
      where.push('a.region = @region');
      params.region = filter.region;
    }
    if (filter.status !== undefined) {
      where.push('a.status = @status');
      params.status = filter.status;
    }
    for (const [key, partyId] of [['party', filter.partyId], ['visible', filter.visibleToParty]] as const) {
      if (partyId === undefined) continue;
      where.push(`EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.agreement_id AND p.party_id = @${key})`);
      params[key] = partyId;
    }
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  /** The agreements a party is or was a party of, for its pending list. */
  agreementsOfParty(partyId: string): string[] {
    const rows = this.db.prepare('SELECT agreement_id FROM agreement_parties WHERE party_id = ? ORDER BY agreement_id').all(partyId);
    return (rows as Array<{ agreement_id: string }>).map((r) => r.agreement_id);
  }

  /** The agreements that are part of this one (their drafts' partOf), by id. */
  partsOf(frameworkId: string): string[] {
    const rows = this.db.prepare('SELECT agreement_id FROM agreement_parts WHERE framework_id = ? ORDER BY agreement_id').all(frameworkId);
    return (rows as Array<{ agreement_id: string }>).map((r) => r.agreement_id);
  }

  /** Everything, for comparing a rebuild with the live read models. */
  dump(): { checkpoint: string | undefined; agreements: unknown[]; parties: unknown[]; parts: unknown[] } {
    return {
      checkpoint: this.checkpoint(),
      agreements: this.db.prepare('SELECT agreement_id, region, status, summary, valid_until FROM agreements ORDER BY agreement_id').all(),
      parties: this.db.prepare('SELECT * FROM agreement_parties ORDER BY party_id, agreement_id').all(),
      parts: this.db.prepare('SELECT * FROM agreement_parts ORDER BY framework_id, agreement_id').all(),
    };
  }

  /** Empties every read model and the checkpoint, for a rebuild from the start of the log. */
  reset(): void {
    this.db.exec('DELETE FROM agreements; DELETE FROM agreement_parties; DELETE FROM agreement_parts; DELETE FROM checkpoints;');
  }

  close(): void {
    this.db.close();
  }

  /** Summaries that a date has overtaken (a future effectiveFrom or termination arrived, a term ended). */
  private async refreshStale(today: IsoDate, projectionOf: ProjectionOf): Promise<void> {
    if (this.refreshedOn === today) return;
    const stale = this.db
      .prepare('SELECT agreement_id FROM agreements WHERE valid_until IS NOT NULL AND valid_until <= ? AND summary_on < ?')
      .all(today, today) as Array<{ agreement_id: string }>;
    const states = await Promise.all(stale.map((row) => projectionOf(row.agreement_id)));
    // While the states were being folded, the runner may have committed newer rows: those stay.
    const update = this.db.prepare(
      `UPDATE agreements SET status = @status, summary = @summary, summary_on = @today, valid_until = @validUntil, revision = @revision
       WHERE agreement_id = @agreementId AND revision <= @revision`,
    );
    this.db.transaction(() => {
      for (const state of states) {
        const summary = agreementSummary(state, { asOf: today });
        if (summary) update.run(rowValues(state, summary, today));
      }
    })();
    this.refreshedOn = today;
  }
}

function rowValues(projection: AgreementProjection, summary: AgreementSummary, today: IsoDate) {
  return {
    agreementId: summary.agreementId,
    region: summary.region,
    status: summary.status,
    summary: JSON.stringify(summary),
    today,
    validUntil: nextSummaryChange(projection, today),
    revision: revisionOf(projection),
  };
}

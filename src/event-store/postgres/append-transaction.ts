import type pg from 'pg';
import { planBatch, type BatchPlan, type EventRow, type KnownEvent, type PendingAppend, type StreamHead } from './append-batch.js';
import { APPENDED_CHANNEL } from './append-notifications.js';

/**
 * The append lock (a transaction-scoped advisory lock): every append transaction takes it before
 * it reads stream heads or draws a position, and PostgreSQL makes a commit visible before it
 * releases the transaction's locks. So positions become visible strictly in order — a reader that
 * sees position n sees every position below it — and a subscriber reading `position > last seen`
 * never skips a slower transaction's event. DESIGN.md "PostgreSQL store" weighs this against
 * reading below the oldest transaction in flight.
 */
const APPEND_LOCK = 0x6c6467_0002;
/** The notification is delivered only if the transaction commits. */
const BEGIN_AND_LOCK = `BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK}); NOTIFY ${APPENDED_CHANNEL}`;
/** Sent right behind the insert: if the insert failed, COMMIT ends the aborted transaction by rolling it back. */
const COMMIT = 'COMMIT';
const UNIQUE_VIOLATION = '23505';
// The insert and the lookup are named, so each connection parses and plans them once.
/** Stream heads this process remembers, so most appends need no lookup. */
const CACHED_HEADS = 10_000;

/** Under the lock, in one statement: the heads of the batch's streams, its ids already stored, the last recordedAt. */
const LOOKUP = `
  SELECT
    (SELECT coalesce(json_agg(json_build_array(h.stream_id, h.revision, h.hash)), '[]')
       FROM unnest($1::text[]) AS s(stream_id)
       CROSS JOIN LATERAL (
         SELECT stream_id, revision, hash FROM events e WHERE e.stream_id = s.stream_id ORDER BY revision DESC LIMIT 1
       ) h) AS heads,
    (SELECT coalesce(json_agg(json_build_array(event_id, stream_id, revision, position::text)), '[]')
       FROM events WHERE event_id = ANY($2::text[])) AS stored,
    (SELECT metadata->>'recordedAt' FROM events ORDER BY position DESC LIMIT 1) AS last_recorded_at`;

interface Lookup {
  heads: [streamId: string, revision: number, hash: string][];
  stored: [eventId: string, streamId: string, revision: number, position: string][];
  last_recorded_at: string | null;
}

/** Inserts nothing when the log's last event was recorded later than $8 (another instance's clock ran ahead). */
const INSERT = `
  INSERT INTO events (event_id, stream_id, revision, type, data, metadata, hash)
  SELECT event_id, stream_id, revision, type, data, metadata, hash
    FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::json[], $6::json[], $7::text[])
         WITH ORDINALITY AS r(event_id, stream_id, revision, type, data, metadata, hash, n)
   WHERE coalesce((SELECT metadata->>'recordedAt' FROM events ORDER BY position DESC LIMIT 1), '') <= $8
   ORDER BY n
  RETURNING event_id, position::text`;

export interface CommittedBatch extends BatchPlan {
  /** The position of every event id an accepted append names (written now or replayed). */
  readonly positions: ReadonlyMap<string, string>;
}

/**
 * Writes group commits, each in one transaction under the append lock. First from the heads this
 * process remembers, in one round trip: the unique (stream, revision) and event id indexes refuse
 * the insert if a head was stale or an id is already stored, and the batch is then decided again
 * from heads read under the lock (two round trips). A refusal is only ever decided from the log.
 */
export class AppendTransactions {
  private readonly heads = new Map<string, StreamHead>();
  private lastRecordedAt = '';

  constructor(private readonly now: () => Date) {}

  async commit(client: pg.PoolClient, batch: readonly PendingAppend[]): Promise<CommittedBatch> {
    return (await this.fromRememberedHeads(client, batch)) ?? (await this.fromHeadsReadUnderLock(client, batch));
  }

  private async fromRememberedHeads(client: pg.PoolClient, batch: readonly PendingAppend[]): Promise<CommittedBatch | undefined> {
    const heads = new Map<string, StreamHead>();
    for (const { streamId, expectedRevision } of batch) {
      const head = this.heads.get(streamId);
      if (head) heads.set(streamId, head);
      // A stream not remembered is taken to be new where the caller allows that; the index tells if it was not.
      else if (expectedRevision !== 'no-stream' && expectedRevision !== 'any') return undefined;
    }
    const recordedAt = this.recordedAt(null);
    const plan = planBatch(batch, heads, new Map(), recordedAt);
    if (plan.rows.length === 0 || plan.outcomes.some((outcome) => !outcome.ok)) return undefined;
    const [locked, inserted, committed] = await Promise.allSettled([
      client.query(BEGIN_AND_LOCK),
      client.query<{ event_id: string; position: string }>({ name: 'ledger-append-insert', text: INSERT, values: insertParameters(plan.rows, recordedAt) }),
      client.query(COMMIT),
    ]);
    if (locked.status === 'rejected') throw locked.reason;
    if (inserted.status === 'rejected' && (inserted.reason as { code?: string }).code === UNIQUE_VIOLATION) return undefined;
    const positions = checkCommitted(inserted, committed);
    if (positions.size < plan.rows.length) return undefined;
    this.remember(plan, recordedAt);
    return { ...plan, positions };
  }

  private async fromHeadsReadUnderLock(client: pg.PoolClient, batch: readonly PendingAppend[]): Promise<CommittedBatch> {
    const [, lookup] = await Promise.all([
      client.query(BEGIN_AND_LOCK),
      client.query<Lookup>({ name: 'ledger-append-lookup', text: LOOKUP, values: [[...new Set(batch.map((a) => a.streamId))], batch.flatMap((a) => a.eventIds)] }),
    ]);
    const { heads, stored, last_recorded_at: lastRecordedAt } = lookup.rows[0]!;
    for (const [streamId, revision, hash] of heads) this.rememberHead(streamId, { revision, hash });
    const recordedAt = this.recordedAt(lastRecordedAt);
    const plan = planBatch(
      batch,
      new Map(heads.map(([streamId, revision, hash]): [string, StreamHead] => [streamId, { revision, hash }])),
      new Map(stored.map(([eventId, streamId, revision]): [string, KnownEvent] => [eventId, { streamId, revision }])),
      recordedAt,
    );
    const positions = new Map(stored.map(([eventId, , , position]) => [eventId, position]));
    if (plan.rows.length === 0) {
      await client.query('ROLLBACK');
      return { ...plan, positions };
    }
    const [inserted, committed] = await Promise.allSettled([
      client.query<{ event_id: string; position: string }>({ name: 'ledger-append-insert', text: INSERT, values: insertParameters(plan.rows, recordedAt) }),
      client.query(COMMIT),
    ]);
    const written = checkCommitted(inserted, committed);
    if (written.size < plan.rows.length) throw new Error('the append lock did not hold: the log changed under it');
    for (const [eventId, position] of written) positions.set(eventId, position);
    this.remember(plan, recordedAt);
    return { ...plan, positions };
  }

  /** Server time, never earlier than the log's last event, so `recordedAt` follows log order across instances. */
  private recordedAt(lastInLog: string | null): string {
    const now = this.now().toISOString();
    this.lastRecordedAt = [now, lastInLog ?? '', this.lastRecordedAt].reduce((a, b) => (a > b ? a : b));
    return this.lastRecordedAt;
  }

  private remember(plan: BatchPlan, recordedAt: string): void {
    for (const row of plan.rows) this.rememberHead(row.streamId, { revision: row.revision, hash: row.hash });
    this.lastRecordedAt = recordedAt;
  }

  private rememberHead(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > CACHED_HEADS) this.heads.delete(this.heads.keys().next().value!);
  }
}

function insertParameters(rows: readonly EventRow[], recordedAt: string): unknown[] {
  return [
    rows.map((row) => row.eventId),
    rows.map((row) => row.streamId),
    rows.map((row) => row.revision),
    rows.map((row) => row.type),
    rows.map((row) => row.data),
    rows.map((row) => row.metadata),
    rows.map((row) => row.hash),
    recordedAt,
  ];
}

/** The positions written, once the insert succeeded and the transaction committed; else the insert's (or commit's) error. */
function checkCommitted(
  inserted: PromiseSettledResult<pg.QueryResult<{ event_id: string; position: string }>>,
  committed: PromiseSettledResult<pg.QueryResult>,
): Map<string, string> {
  if (inserted.status === 'rejected') throw inserted.reason;
  if (committed.status === 'rejected') throw committed.reason;
  if (committed.value.command !== 'COMMIT') throw new Error('the append transaction did not commit');
  return new Map(inserted.value.rows.map((row) => [row.event_id, row.position]));
}

import pg from 'pg';

/**
 * The baseline: plain `pg` on one connection, a table comparable to the store's (without its
 * event id and hash columns and their index), each INSERT its own autocommitted transaction — or
 * one multi-row INSERT per transaction for the batched figure. synchronous_commit as the server
 * has it (on by default): a COMMIT returns after its WAL is flushed, as the store's does.
 */
export class RawPostgresLog {
  private constructor(private readonly client: pg.Client) {}

  static async open(connectionString: string): Promise<RawPostgresLog> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    await client.query(`CREATE TABLE IF NOT EXISTS raw_events (
      position  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      stream_id text   NOT NULL,
      revision  bigint NOT NULL,
      type      text   NOT NULL,
      data      json   NOT NULL,
      metadata  json   NOT NULL,
      UNIQUE (stream_id, revision)
    )`);
    await client.query('TRUNCATE raw_events RESTART IDENTITY');
    return new RawPostgresLog(client);
  }

  async append(streamId: string, revision: number, type: string, data: string, metadata: string): Promise<void> {
    await this.client.query('INSERT INTO raw_events (stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5)', [
      streamId,
      revision,
      type,
      data,
      metadata,
    ]);
  }

  /** Many rows in one statement, so one transaction and one WAL flush. */
  async appendBatch(rows: readonly (readonly [streamId: string, revision: number, type: string, data: string, metadata: string])[]): Promise<void> {
    await this.client.query(
      `INSERT INTO raw_events (stream_id, revision, type, data, metadata)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::json[], $5::json[])`,
      [0, 1, 2, 3, 4].map((column) => rows.map((row) => row[column])),
    );
  }

  async count(): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>('SELECT count(*) AS n FROM raw_events');
    return Number(rows[0]!.n);
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

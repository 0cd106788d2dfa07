import pg from 'pg';

/**
 * The instances' shared state on the PostgreSQL store (tokens, idempotency keys), in tables of
 * the log's database beside it; each capability creates its own tables. One small pool per instance.
 */
export function openPostgresState(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 5 });
  // An idle connection the server closed is replaced at the next query; without a listener the error would end the process.
  pool.on('error', () => undefined);
  return pool;
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * PostgreSQL for the tests that need a server: LEDGER_TEST_POSTGRES_URL names a database the tests
 * may create databases from (.ci/run sets it when a server answers on 127.0.0.1:5432). Each test
 * file makes a database of its own, so runs side by side never share a log, and drops it after.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { createKeyFile } from '../../src/checkpoints/log-keys.js';
import { tempDir } from './temp-dir.js';

export const POSTGRES_URL = process.env.LEDGER_TEST_POSTGRES_URL;

/** The line a test file prints, and the name of the skipped block, when there is no server. */
export function skippedWithoutPostgres(what: string): string {
  return `SKIPPED: ${what} — set LEDGER_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it`;
}

export interface PostgresDatabase {
  /** The connection string of the fresh database. */
  readonly url: string;
  /** The log's key file every server on this database signs with (LEDGER_SIGNING_KEY_FILE). */
  readonly keyFile: string;
  drop(): Promise<void>;
}

export async function freshPostgresDatabase(label: string): Promise<PostgresDatabase> {
  if (POSTGRES_URL === undefined) throw new Error('LEDGER_TEST_POSTGRES_URL is not set');
  const name = `ledger_${label.replace(/\W/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const keys = tempDir('log-key');
  const keyFile = join(keys.path, 'log-keys.json');
  createKeyFile(keyFile, new Date());
  return {
    url: url.toString(),
    keyFile,
    // FORCE: a connection a failed test left open must not keep the database alive.
    drop: async () => {
      keys.remove();
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function onServer(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

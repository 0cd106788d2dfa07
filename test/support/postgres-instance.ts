import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/ledger-config.js';
import type { PostgresDatabase } from './postgres-database.js';
import { tempDir } from './temp-dir.js';

/** One app instance in this process on a shared PostgreSQL database, with a data directory of its own. */
export interface PostgresInstance {
  readonly app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>`, the pages' and the feeds' origin; the API is under `/api`. */
  readonly origin: string;
  readonly announcements: string[];
  call(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** `env`: settings beside the store's, e.g. WEBHOOK_ALLOW_PRIVATE_NETWORKS for a loopback receiver. */
export async function startPostgresInstance(database: PostgresDatabase, env: Record<string, string> = {}): Promise<PostgresInstance> {
  const dir = tempDir('instance');
  const config = loadConfig({
    LEDGER_DATA_DIR: dir.path,
    PORT: '0',
    LEDGER_RATE_LIMIT: '0',
    LEDGER_STORE: 'postgres',
    LEDGER_POSTGRES_URL: database.url,
    LEDGER_SIGNING_KEY_FILE: database.keyFile,
    LEDGER_CHECKPOINT_INTERVAL: '0',
    ...env,
  });
  const announcements: string[] = [];
  const app = await createApp(config, { logger: ['error'], announce: (m) => announcements.push(m) });
  await app.listen(0, '127.0.0.1');
  const origin = await app.getUrl();
  return {
    app,
    origin,
    announcements,
    call: (path, init = {}) => {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${origin}/api${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
    async close() {
      await app.close();
      dir.remove();
    },
  };
}

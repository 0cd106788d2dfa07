import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app/create-app.js';
import { LedgerTokenStore, type NewToken } from '../../src/auth/tokens/ledger-token-store.js';
import { loadConfig } from '../../src/config/ledger-config.js';
import { openStateDatabase } from '../../src/state/state-database.js';
import { tempDir } from './temp-dir.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** e.g. http://127.0.0.1:41234/api */
  readonly api: string;
  readonly dataDir: string;
  /** The token printed at first start. */
  readonly adminToken: string;
  /** Everything the server announced (first-start message). */
  readonly announcements: string[];
  /** Creates a token the way `ledger token create` does, on the same data directory. */
  createToken(spec: NewToken): string;
  /** fetch against the API with a bearer token. */
  call(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Stops the server; the data directory goes too unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** The real server on a fresh data directory, listening on a free loopback port. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: { clock?: () => Date } = {}): Promise<TestApp> {
  const dir = tempDir('e2e');
  const config = loadConfig({ LEDGER_DATA_DIR: dir.path, PORT: '0', LEDGER_RATE_LIMIT: '0', ...env });
  const announcements: string[] = [];
  const app = await createApp(config, { logger: ['error'], announce: (m) => announcements.push(m), ...(options.clock && { clock: options.clock }) });
  await app.listen(0, '127.0.0.1');
  const api = `${await app.getUrl()}/api`;
  const adminToken = /(ldg_[A-Za-z0-9_-]{43})/.exec(announcements.join('\n'))?.[1];
  if (!adminToken) throw new Error('the server announced no first admin token');
  const db = openStateDatabase(dir.path);
  const tokens = new LedgerTokenStore(db);
  return {
    app,
    api,
    dataDir: dir.path,
    adminToken,
    announcements,
    createToken: (spec) => tokens.create(spec).token,
    call: (path, init = {}) => {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${api}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
    async close({ keepData = false } = {}) {
      await app.close();
      db.close();
      if (!keepData) dir.remove();
    },
  };
}

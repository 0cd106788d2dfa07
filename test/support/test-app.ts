import { rmSync } from 'node:fs';
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

export interface TestAppOptions {
  /** Collects every log line at LEDGER_LOG_LEVEL (default info); without it only errors are logged, to stdout. */
  readonly logLines?: string[];
  /** On a store that already has tokens (a second instance on a shared store) no first token is announced: the first instance's. */
  readonly adminToken?: string;
  /** Restart on this data directory instead of a fresh one. */
  readonly dataDir?: string;
  /** The server's clock, so a test can move dates (webhooks sent when a date arrives). */
  readonly clock?: () => Date;
}

/** The real server on a fresh data directory (or, to restart, on `dataDir`), listening on a free loopback port. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dataDir !== undefined ? { path: options.dataDir, remove: () => rmSync(options.dataDir!, { recursive: true, force: true }) } : tempDir('e2e');
  const config = loadConfig({ LEDGER_DATA_DIR: dir.path, PORT: '0', LEDGER_RATE_LIMIT: '0', ...env });
  const announcements: string[] = [];
  const { logLines } = options;
  const app = await createApp(config, {
    announce: (m) => announcements.push(m),
    ...(options.clock && { clock: options.clock }),
    ...(logLines ? { logDestination: { write: (line: string) => void logLines.push(line) } } : { logger: ['error'] }),
  });
  // A free port unless the test chose one (a redirect URI must name the server before it starts).
  await app.listen(config.port, '127.0.0.1');
  const api = `${await app.getUrl()}/api`;
  const db = openStateDatabase(dir.path);
  const tokens = new LedgerTokenStore(db);
  // A restart announces nothing: its admin token is made the way `ledger token create` does.
  const adminToken =
    options.adminToken ??
    /(ldg_[A-Za-z0-9_-]{43})/.exec(announcements.join('\n'))?.[1] ??
    (options.dataDir !== undefined ? tokens.create({ role: 'admin', name: 'restart admin' }).token : undefined);
  if (!adminToken) throw new Error('the server announced no first admin token');
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

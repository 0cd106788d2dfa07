/**
 * Two server instances on one PostgreSQL database, each with a data directory of its own: the
 * first admin token is made once for both, a token made through one works on the other and,
 * revoked through that one, is refused by the first at its next request, and an Idempotency-Key
 * used through one replays through the other. `ledger token` works on the same tokens.
 */
import { spawn } from 'node:child_process';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/ledger-config.js';
import { keskiSuomi2023Commands } from './fixtures/keski-suomi.js';
import { toHttpRequest } from './support/command-requests.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';
import { tempDir } from './support/temp-dir.js';

interface Instance {
  readonly app: NestFastifyApplication;
  readonly announcements: string[];
  call(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const dir = tempDir('instance');
  const config = loadConfig({ LEDGER_DATA_DIR: dir.path, PORT: '0', LEDGER_RATE_LIMIT: '0', LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: databaseUrl });
  const announcements: string[] = [];
  const app = await createApp(config, { logger: ['error'], announce: (m) => announcements.push(m) });
  await app.listen(0, '127.0.0.1');
  const api = `${await app.getUrl()}/api`;
  return {
    app,
    announcements,
    call: (path, init = {}) => {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${api}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
    async close() {
      await app.close();
      dir.remove();
    },
  };
}

/** The `ledger` command on the PostgreSQL store; resolves with its output once it exits 0. */
function ledger(databaseUrl: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/ledger.js', ...args], {
      env: { ...process.env, LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`ledger ${args.join(' ')} exited with ${code}: ${output}`))));
  });
}

const SKIPPED = skippedWithoutPostgres('PostgreSQL: shared tokens and idempotency keys across instances');

if (POSTGRES_URL !== undefined) {
  describe('two instances on one PostgreSQL store', () => {
    let database: PostgresDatabase;
    let a: Instance;
    let b: Instance;
    let admin: string;

    beforeAll(async () => {
      database = await freshPostgresDatabase('instances');
      [a, b] = await Promise.all([startInstance(database.url), startInstance(database.url)]);
      const tokens = [...a.announcements, ...b.announcements].flatMap((m) => [...m.matchAll(/ldg_[A-Za-z0-9_-]{43}/g)].map((match) => match[0]));
      expect(tokens).toHaveLength(1);
      admin = tokens[0]!;
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await database?.drop();
    });

    it('made the first admin token once, whichever instance started first, and it works on both', async () => {
      expect((await a.call('/me', { token: admin })).status).toBe(200);
      expect((await b.call('/me', { token: admin })).status).toBe(200);
    });

    it('a token made through A works on B; revoked through B, A refuses it at its next request', async () => {
      const created = await a.call('/tokens', { method: 'POST', token: admin, json: { role: 'auditor', name: 'Tilintarkastaja' } });
      expect(created.status).toBe(201);
      const { id, token } = (await created.json()) as { id: string; token: string };
      expect((await b.call('/me', { token })).status).toBe(200);
      expect((await b.call(`/tokens/${id}`, { method: 'DELETE', token: admin })).status).toBe(204);
      expect((await a.call('/me', { token })).status).toBe(401);
    });

    it('`ledger token create` and `revoke` with LEDGER_STORE=postgres act on the tokens both instances use', async () => {
      const created = JSON.parse(await ledger(database.url, 'token', 'create', '--role', 'clerk', '--party', '0161999-9', '--name', 'Kotkan kirjaamo', '--json')) as {
        id: string;
        token: string;
      };
      expect((await a.call('/me', { token: created.token })).status).toBe(200);
      await ledger(database.url, 'token', 'revoke', created.id);
      expect((await b.call('/me', { token: created.token })).status).toBe(401);
    });

    it('an Idempotency-Key used through A replays through B, and the log holds the command once', async () => {
      const { path, body } = toHttpRequest(keskiSuomi2023Commands()[0]!);
      const headers = { 'idempotency-key': 'draft-keski-suomi-2023' };
      const first = await a.call(path, { method: 'POST', token: admin, json: body, headers });
      expect(first.status).toBe(201);
      const again = await b.call(path, { method: 'POST', token: admin, json: body, headers });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const answer = (await first.json()) as { agreementId: string; position: string };
      expect(await again.json()).toEqual(answer);
      const events = (await (await b.call(`/agreements/${answer.agreementId}/events?minPosition=${answer.position}`, { token: admin })).json()) as unknown[];
      expect(events).toHaveLength(1);
    });
  });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('shares tokens and idempotency keys between instances', () => undefined);
  });
}

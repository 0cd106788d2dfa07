/**
 * Calendar feeds on the PostgreSQL store: a feed made through one instance is served by another,
 * and revoked through that one, its URL answers 404 on both.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/ledger-config.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';
import { tempDir } from './support/temp-dir.js';

interface Instance {
  readonly origin: string;
  readonly announcements: string[];
  call(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

async function startInstance(database: PostgresDatabase): Promise<Instance> {
  const dir = tempDir('instance');
  const config = loadConfig({
    LEDGER_DATA_DIR: dir.path,
    PORT: '0',
    LEDGER_RATE_LIMIT: '0',
    LEDGER_STORE: 'postgres',
    LEDGER_POSTGRES_URL: database.url,
    LEDGER_SIGNING_KEY_FILE: database.keyFile,
    LEDGER_CHECKPOINT_INTERVAL: '0',
  });
  const announcements: string[] = [];
  const app: NestFastifyApplication = await createApp(config, { logger: ['error'], announce: (m) => announcements.push(m) });
  await app.listen(0, '127.0.0.1');
  const origin = await app.getUrl();
  return {
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

const SKIPPED = skippedWithoutPostgres('PostgreSQL: calendar feeds shared by instances');

if (POSTGRES_URL !== undefined) {
  describe('calendar feeds on one PostgreSQL store, two instances', () => {
    let database: PostgresDatabase;
    let a: Instance;
    let b: Instance;
    let admin: string;

    beforeAll(async () => {
      database = await freshPostgresDatabase('calendar');
      [a, b] = await Promise.all([startInstance(database), startInstance(database)]);
      admin = [...a.announcements, ...b.announcements].join('\n').match(/ldg_[A-Za-z0-9_-]{43}/)![0];
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await database?.drop();
    });

    it('serves a feed made through one instance from the other, until it is revoked through either', async () => {
      const created = await a.call('/calendar-feeds', { method: 'POST', token: admin, json: { name: 'Kirjaamo' } });
      expect(created.status).toBe(201);
      const feed = (await created.json()) as { id: string; feedToken: string };
      const path = `/api/calendar/${feed.feedToken}.ics`;
      const fromB = await fetch(`${b.origin}${path}`);
      expect(fromB.status).toBe(200);
      expect(await fromB.text()).toMatch(/^BEGIN:VCALENDAR/);
      expect(((await (await b.call('/calendar-feeds', { token: admin })).json()) as { items: unknown[] }).items).toEqual([expect.objectContaining({ id: feed.id, name: 'Kirjaamo' })]);

      expect((await b.call(`/calendar-feeds/${feed.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
      expect((await fetch(`${a.origin}${path}`)).status).toBe(404);
      expect((await fetch(`${b.origin}${path}`)).status).toBe(404);
    });
  });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('serves a feed from every instance', () => undefined);
  });
}

/**
 * Calendar feeds on the PostgreSQL store: a feed made through one instance is served by another,
 * and revoked through that one, its URL answers 404 on both.
 */
import { startPostgresInstance, type PostgresInstance } from './support/postgres-instance.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';

const SKIPPED = skippedWithoutPostgres('PostgreSQL: calendar feeds shared by instances');

if (POSTGRES_URL !== undefined) {
  describe('calendar feeds on one PostgreSQL store, two instances', () => {
    let database: PostgresDatabase;
    let a: PostgresInstance;
    let b: PostgresInstance;
    let admin: string;

    beforeAll(async () => {
      database = await freshPostgresDatabase('calendar');
      [a, b] = await Promise.all([startPostgresInstance(database), startPostgresInstance(database)]);
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

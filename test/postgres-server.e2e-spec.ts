/**
 * The server on the PostgreSQL store over real HTTP: seed 004 (Keski-Suomi) recorded through one
 * server, then a second server on the same database and a data directory of its own — its read
 * models are built from the shared log alone, its tokens are the store's — answers the same and
 * records on the same chains.
 */
import { KESKI_SUOMI_2023_ID, KESKI_SUOMI_2026_ID, keskiSuomi2023Commands, keskiSuomi2026Commands, keskiSuomiParties } from './fixtures/keski-suomi.js';
import { toHttpRequest } from './support/command-requests.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SKIPPED = skippedWithoutPostgres('PostgreSQL store: the server over HTTP');

if (POSTGRES_URL !== undefined) {
  describe('the server on the PostgreSQL store', () => {
    let database: PostgresDatabase;
    let first: TestApp;
    let last = '';
    const onPostgres = () => ({ LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: database.url, LEDGER_SIGNING_KEY_FILE: database.keyFile });
    const get = async (t: TestApp, path: string) => {
      const res = await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token: t.adminToken });
      return { status: res.status, body: (await res.json()) as any };
    };

    beforeAll(async () => {
      database = await freshPostgresDatabase('server');
      first = await startTestApp(onPostgres());
      for (const command of [...keskiSuomi2023Commands(), ...keskiSuomi2026Commands()]) {
        const { path, body } = toHttpRequest(command);
        const res = await first.call(path, { method: 'POST', token: first.adminToken, json: body });
        if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        last = ((await res.json()) as { position: string }).position;
      }
    });
    afterAll(async () => {
      await first?.close();
      await database?.drop();
    });

    it('records the commands and answers from the log it wrote to PostgreSQL', async () => {
      expect((await get(first, '/health')).body.store).toEqual({ kind: 'postgres', headPosition: last });
      expect((await get(first, '/health/ready')).body.projections).toEqual({ position: last, caughtUp: true, lagEvents: 0 });
      expect((await get(first, `/agreements/${KESKI_SUOMI_2023_ID}/status?asOf=2026-01-01`)).body).toMatchObject({ latestVersionState: 'expired' });
      expect((await get(first, `/agreements/${KESKI_SUOMI_2026_ID}/status?asOf=2026-01-01`)).body).toMatchObject({ inForceVersion: 1, inForceSince: '2026-01-01' });
      const verified = (await get(first, `/agreements/${KESKI_SUOMI_2023_ID}/verify`)).body;
      expect(verified).toMatchObject({ valid: true });
      expect(verified.events).toBeGreaterThan(5);
    });

    it('a second server on the same database rebuilds its read models from the log and appends on the same chains', async () => {
      // The tokens are the store's: the second server announces none and takes the first one's.
      const second = await startTestApp(onPostgres(), { adminToken: first.adminToken });
      expect(second.announcements.join('\n')).not.toMatch(/ldg_/);
      try {
        const events = (await get(second, `/agreements/${KESKI_SUOMI_2026_ID}/events`)).body as { position: string }[];
        expect(events).toEqual((await get(first, `/agreements/${KESKI_SUOMI_2026_ID}/events`)).body);
        expect((await get(second, '/agreements?region=Keski-Suomi&status=in-force')).body).toMatchObject({
          total: 1,
          items: [{ agreementId: KESKI_SUOMI_2026_ID }],
        });
        const kinnula = keskiSuomiParties.kinnula;
        const noted = {
          partyId: kinnula.partyId,
          body: kinnula.competentBody,
          outcome: 'noted',
          version: 1,
          decidedOn: '2026-02-02',
          meeting: { section: '§ 12' },
        };
        // Alternating between the two servers, each sees the other's appends.
        for (const t of [second, first, second]) {
          const res = await t.call(`/agreements/${KESKI_SUOMI_2026_ID}/decisions`, { method: 'POST', token: t.adminToken, json: noted });
          expect(res.status).toBe(201);
          last = ((await res.json()) as { position: string }).position;
        }
        const after = (await get(first, `/agreements/${KESKI_SUOMI_2026_ID}/events`)).body as { revision: number }[];
        expect(after.map((e) => e.revision)).toEqual(after.map((_, i) => i));
        expect(after).toHaveLength(events.length + 3);
        expect((await get(second, `/agreements/${KESKI_SUOMI_2026_ID}/verify`)).body).toMatchObject({ valid: true, events: events.length + 3 });
      } finally {
        await second.close();
      }
    });
  });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('serves the API on the PostgreSQL store', () => undefined);
  });
}

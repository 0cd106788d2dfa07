/** A server started on a long log answers while its projections catch up, and says how far behind it is. */
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { kymenlaaksoEvents } from './fixtures/kymenlaakso.js';
import { encoded } from './support/encoded.js';
import { startTestApp } from './support/test-app.js';
import { tempDir } from './support/temp-dir.js';

describe('catch-up', () => {
  it('serves /api/health during the catch-up, then reports the projections caught up', async () => {
    const dir = tempDir('catch-up');
    const store = new SqliteEventStore({ file: `${dir.path}/ledger.sqlite` });
    const agreements = 1500;
    for (let i = 0; i < agreements; i++) {
      const events = kymenlaaksoEvents.map((e) => encoded(e.type === 'AgreementDrafted' ? { ...e, data: { ...e.data, agreementId: `catch-up-${i}` } } : e));
      await store.append(`agreement-catch-up-${i}`, events);
    }
    await store.close();

    const t = await startTestApp({ LEDGER_DATA_DIR: dir.path });
    try {
      const first = (await (await t.call('/health')).json()) as { projections: { caughtUp: boolean; lagEvents: number } };
      expect(first.projections.caughtUp).toBe(false);
      expect(first.projections.lagEvents).toBeGreaterThan(0);
      for (let tries = 0; ; tries++) {
        const health = (await (await t.call('/health')).json()) as { projections: { caughtUp: boolean; lagEvents: number } };
        if (health.projections.caughtUp) {
          expect(health.projections.lagEvents).toBe(0);
          break;
        }
        if (tries > 300) throw new Error('the projections never caught up');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const list = (await (await t.call('/agreements?limit=1', { token: t.adminToken })).json()) as { total: number };
      expect(list.total).toBe(agreements);
    } finally {
      await t.close();
      dir.remove();
    }
    // 1,500 appends one fsync each take over half a minute on a machine shared with other test runs.
  }, 180_000);
});

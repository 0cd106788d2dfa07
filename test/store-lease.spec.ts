/**
 * The leases of several instances on PostgreSQL (src/state/store-lease.ts): one instance at a time
 * runs the work; a write fenced by the lease is refused to any other; a holder that stops (or is
 * cut off from the database) is replaced once its lease expires; one that gives its lease up is
 * replaced at once; work that failed starts afresh.
 */
import pg from 'pg';
import { inTransaction, openPostgresState } from '../src/state/postgres-state.js';
import { LeaseLost, StoreLease } from '../src/state/store-lease.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';

const SKIPPED = skippedWithoutPostgres('PostgreSQL: leases of several instances');

interface Instance {
  readonly name: string;
  readonly pool: pg.Pool;
  readonly lease: StoreLease;
  readonly log: string[];
}

async function until(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (POSTGRES_URL !== undefined) {
  describe('a lease in the PostgreSQL store', () => {
    let database: PostgresDatabase;
    const instances: Instance[] = [];

    beforeAll(async () => {
      database = await freshPostgresDatabase('leases');
    });
    afterEach(async () => {
      for (const { lease, pool } of instances.splice(0)) {
        await lease.close();
        await pool.end().catch(() => undefined);
      }
    });
    afterAll(async () => {
      await database?.drop();
    });

    async function instance(name: string, lease = 'webhooks'): Promise<Instance> {
      const pool = openPostgresState(database.url);
      const log: string[] = [];
      const opened = await StoreLease.open(pool, lease, { seconds: 1, onError: () => undefined });
      const made = { name, pool, lease: opened, log };
      instances.push(made);
      await opened.run({ start: () => void log.push('start'), stop: () => void log.push('stop') });
      return made;
    }

    const fenced = ({ pool, lease }: Instance) => inTransaction(pool, (client) => lease.fence(client));

    it('runs the work on one instance; the other is fenced off, and takes over at its next renewal when the holder closes', async () => {
      const a = await instance('a');
      const b = await instance('b');
      expect([a.lease.held, b.lease.held]).toEqual([true, false]);
      expect([a.log, b.log]).toEqual([['start'], []]);
      await expect(fenced(a)).resolves.toBeUndefined();
      await expect(fenced(b)).rejects.toThrow(LeaseLost);

      await a.lease.close();
      expect(a.log).toEqual(['start', 'stop']);
      await until(() => b.lease.held, 'b takes the lease');
      expect(b.log).toEqual(['start']);
      await expect(fenced(b)).resolves.toBeUndefined();
    });

    it('a holder cut off from the database stops its work, and another takes over once the lease expires', async () => {
      const a = await instance('a', 'checkpoints');
      const b = await instance('b', 'checkpoints');
      expect(a.lease.held).toBe(true);
      await a.pool.end(); // as a dead host: no renewal, no release
      await until(() => b.lease.held, 'b takes the expired lease');
      await until(() => !a.lease.held, 'a notices it lost the lease');
      expect([a.log, b.log]).toEqual([['start', 'stop'], ['start']]);
    });

    it('work that failed is relinquished: stopped, and started afresh where the lease is taken next', async () => {
      const a = await instance('a', 'relinquished');
      await a.lease.relinquish();
      expect(a.log).toEqual(['start', 'stop']);
      await until(() => a.log.length === 3, 'the work starts again');
      expect(a.log).toEqual(['start', 'stop', 'start']);
      expect(a.lease.held).toBe(true);
    });
  });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('runs leased work on one instance at a time', () => undefined);
  });
}

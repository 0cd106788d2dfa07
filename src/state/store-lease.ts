import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type pg from 'pg';
import { inTransaction } from './postgres-state.js';

/** What runs on one instance at a time: started when this instance takes the lease, stopped when it loses it. */
export interface LeasedWork {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** Runs work on one instance at a time (webhook dispatch, checkpoint signing). */
export interface Lease {
  /** Starts `work` whenever this instance holds the lease and stops it when it no longer does; resolves after the first try. */
  run(work: LeasedWork): Promise<void>;
  /** Whether this instance holds the lease now. */
  readonly held: boolean;
  /** Stops work that failed and gives the lease up, so the work starts afresh where the lease is taken next. */
  relinquish(): Promise<void>;
  /** Stops the work and gives the lease up, so another instance takes over at once. */
  close(): Promise<void>;
}

/** The embedded store serves one instance: it always holds the lease. */
export class SoleInstanceLease implements Lease {
  private work?: LeasedWork;

  get held(): boolean {
    return this.work !== undefined;
  }

  async run(work: LeasedWork): Promise<void> {
    this.work = work;
    await work.start();
  }

  /** The one instance has no other to hand its work to: a failure stays logged, as it was. */
  async relinquish(): Promise<void> {}

  async close(): Promise<void> {
    const work = this.work;
    this.work = undefined;
    await work?.stop();
  }
}

/** Instances creating the table together do it one at a time. */
const TABLE_LOCK = 0x6c6467_0006;

/** A lease's holder: host and pid say who to look at, the random part tells apart restarts and servers in one process. */
function newHolder(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}

/**
 * A lease row in the PostgreSQL store's database: holder and expiry, by the database's clock (no
 * instance's clock matters). The holder renews it every fifth of `seconds`; another instance
 * takes it once it has expired, so a holder killed with SIGKILL — or cut off from the database,
 * which a session-level advisory lock would not notice until TCP gives up — is replaced within
 * `seconds` and a fifth. An instance that fails to renew stops its work at once, and every write
 * of that work checks the lease in its own transaction (`fence`), which also keeps the row from
 * passing to another instance until that transaction ends: a holder that stalled past its expiry
 * writes nothing more.
 */
export class StoreLease implements Lease {
  private work?: LeasedWork;
  private holding = false;
  private timer?: NodeJS.Timeout;
  private step: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    readonly name: string,
    private readonly seconds: number,
    private readonly onError: (error: unknown) => void,
    readonly holder: string,
  ) {}

  static async open(pool: pg.Pool, name: string, options: { seconds: number; onError: (error: unknown) => void; holder?: string }): Promise<StoreLease> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TABLE_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS ledger_leases (
        name       text        PRIMARY KEY,
        holder     text        NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    });
    return new StoreLease(pool, name, options.seconds, options.onError, options.holder ?? newHolder());
  }

  get held(): boolean {
    return this.holding;
  }

  async run(work: LeasedWork): Promise<void> {
    this.work = work;
    await this.renewSoon();
    this.timer = setInterval(() => void this.renewSoon(), (this.seconds * 1000) / 5);
    this.timer.unref();
  }

  /** Throws LeaseLost unless this instance holds the lease; the row stays locked until `client`'s transaction ends. */
  async fence(client: pg.PoolClient): Promise<void> {
    const { rowCount } = await client.query('SELECT 1 FROM ledger_leases WHERE name = $1 AND holder = $2 AND expires_at > now() FOR SHARE', [this.name, this.holder]);
    if (rowCount === 0) throw new LeaseLost(`this instance no longer holds the ${this.name} lease`);
  }

  /** Work that failed (its store connection broke, say) restarts from what is committed, here or on another instance. */
  relinquish(): Promise<void> {
    this.step = this.step
      .then(async () => {
        if (!this.holding || this.closed) return;
        await this.work?.stop();
        await this.giveUp();
      })
      .catch(this.onError);
    return this.step;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.step;
    if (this.holding) {
      await this.work?.stop();
      await this.giveUp();
    }
  }

  private async giveUp(): Promise<void> {
    this.holding = false;
    await this.pool.query('DELETE FROM ledger_leases WHERE name = $1 AND holder = $2', [this.name, this.holder]).catch(this.onError);
  }

  /** Renewals run one after another; a slow one is not overtaken by the next. */
  private renewSoon(): Promise<void> {
    this.step = this.step.then(() => this.renew()).catch(this.onError);
    return this.step;
  }

  private async renew(): Promise<void> {
    if (this.closed) return;
    let holds = false;
    try {
      const { rowCount } = await this.pool.query(
        `INSERT INTO ledger_leases (name, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE ledger_leases.holder = excluded.holder OR ledger_leases.expires_at <= now()`,
        [this.name, this.holder, this.seconds],
      );
      holds = rowCount === 1;
    } catch (error) {
      this.onError(error);
    }
    if (holds === this.holding || this.closed) return;
    this.holding = holds;
    try {
      await (holds ? this.work?.start() : this.work?.stop());
    } catch (error) {
      this.onError(error);
      // Work that cannot start here may start on another instance.
      if (holds) await this.giveUp();
    }
  }
}

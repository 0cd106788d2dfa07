import type pg from 'pg';
import { inTransaction } from '../state/postgres-state.js';
import { LeaseLost, type StoreLease } from '../state/store-lease.js';
import { LedgerTreeMismatchError, type CheckpointPublisher } from './ledger-tree-service.js';
import type { LedgerTreeStore, StoredCheckpoint } from './ledger-tree-store.js';

/** Instances creating the tables together do it one at a time. */
const TABLES_LOCK = 0x6c6467_0007;

type CheckpointRow = { tree_size: string; root_hash: Buffer; position: string | null; timestamp: string; origin: string; key_id: string; note: string };
type CosignatureRow = { seq: string; tree_size: string; name: string; key_id: string; line: string; timestamp: string };

/**
 * Signed checkpoints and their cosignatures in the PostgreSQL store's database, so every
 * instance serves the same ones. The instance holding the `checkpoints` lease signs; its insert
 * is fenced by the lease, and the primary key on the tree size means the log never signs two
 * roots for one size, whichever instance signed. Each instance copies new rows into its own
 * ledger-tree.sqlite (`pull`, every second and after it signs), where its queries, proofs and the
 * CLI read them as on the embedded store, and where its own tree — each instance keeps one, derived
 * from the same log — is checked against the signed root, as after any start.
 */
export class SharedCheckpoints implements CheckpointPublisher {
  private cosignaturesSeen = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly treeStore: LedgerTreeStore,
    private readonly lease: StoreLease,
  ) {}

  static async open(pool: pg.Pool, treeStore: LedgerTreeStore, lease: StoreLease): Promise<SharedCheckpoints> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [TABLES_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS ledger_checkpoints (
        tree_size bigint PRIMARY KEY,
        root_hash bytea  NOT NULL,
        position  text,
        timestamp text   NOT NULL,
        origin    text   NOT NULL,
        key_id    text   NOT NULL,
        note      text   NOT NULL
      );
      CREATE SEQUENCE IF NOT EXISTS ledger_cosignatures_seq;
      CREATE TABLE IF NOT EXISTS ledger_cosignatures (
        seq       bigint NOT NULL DEFAULT nextval('ledger_cosignatures_seq'),
        tree_size bigint NOT NULL REFERENCES ledger_checkpoints (tree_size),
        name      text   NOT NULL,
        key_id    text   NOT NULL,
        line      text   NOT NULL,
        timestamp bigint NOT NULL,
        PRIMARY KEY (tree_size, name, key_id)
      )`);
    });
    const shared = new SharedCheckpoints(pool, treeStore, lease);
    await shared.pull();
    return shared;
  }

  get signs(): boolean {
    return this.lease.held;
  }

  /** Keeps a checkpoint this instance signed; one signed after the lease passed to another instance is dropped (that one signs). */
  async publish(checkpoint: StoredCheckpoint): Promise<void> {
    try {
      await this.insert(checkpoint);
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
    }
    await this.pull();
  }

  private async insert(checkpoint: StoredCheckpoint): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await this.lease.fence(client);
      const inserted = await client.query(
        `INSERT INTO ledger_checkpoints (tree_size, root_hash, position, timestamp, origin, key_id, note) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (tree_size) DO NOTHING`,
        [checkpoint.treeSize, checkpoint.rootHash, checkpoint.position ?? null, checkpoint.timestamp, checkpoint.origin, checkpoint.keyId, checkpoint.note],
      );
      if (inserted.rowCount === 1) return;
      // Signed already, by the instance that held the lease before: the same root, or the log changed under it.
      const { rows } = await client.query<{ root_hash: Buffer }>('SELECT root_hash FROM ledger_checkpoints WHERE tree_size = $1', [checkpoint.treeSize]);
      if (!rows[0]!.root_hash.equals(checkpoint.rootHash)) {
        throw new LedgerTreeMismatchError(`a checkpoint of size ${checkpoint.treeSize} with another root is signed already: the log was changed; no further checkpoint is signed`);
      }
    });
  }

  /** One cosignature per witness key and checkpoint; a newer one from the same key replaces it. */
  async putCosignature(treeSize: number, name: string, keyId: string, line: string, timestamp: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ledger_cosignatures (tree_size, name, key_id, line, timestamp) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tree_size, name, key_id) DO UPDATE SET line = excluded.line, timestamp = excluded.timestamp, seq = nextval('ledger_cosignatures_seq')
       WHERE excluded.timestamp > ledger_cosignatures.timestamp`,
      [treeSize, name, keyId, line, timestamp],
    );
  }

  /** Copies checkpoints and cosignatures this instance's file lacks; true when there were any. */
  async pull(): Promise<boolean> {
    const after = this.treeStore.latestCheckpoint()?.treeSize ?? -1;
    const checkpoints = await this.pool.query<CheckpointRow>('SELECT * FROM ledger_checkpoints WHERE tree_size > $1 ORDER BY tree_size', [after]);
    const cosignatures = await this.pool.query<CosignatureRow>('SELECT * FROM ledger_cosignatures WHERE seq > $1 ORDER BY seq', [this.cosignaturesSeen]);
    const news = checkpoints.rows.length + cosignatures.rows.length > 0;
    if (!news) return false;
    this.treeStore.db.transaction(() => {
      for (const row of checkpoints.rows) {
        this.treeStore.insertCheckpoint({
          treeSize: Number(row.tree_size),
          rootHash: row.root_hash,
          ...(row.position !== null && { position: row.position }),
          timestamp: row.timestamp,
          origin: row.origin,
          keyId: row.key_id,
          note: row.note,
        });
      }
      for (const row of cosignatures.rows) this.treeStore.putCosignature(Number(row.tree_size), row.name, row.key_id, row.line, Number(row.timestamp));
    })();
    if (cosignatures.rows.length > 0) this.cosignaturesSeen = Number(cosignatures.rows.at(-1)!.seq);
    return true;
  }
}

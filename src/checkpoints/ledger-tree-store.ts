import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MerkleTree, TreeNode, TreeStorage } from '../core/merkle-tree.js';

/**
 * `ledger-tree.sqlite` in the data directory: the ledger tree's subtree roots and leaf index
 * (derived: rebuilt from the log when absent), and the signed checkpoints with the witnesses'
 * cosignatures (not derived: kept, migrated, never dropped). A file of its own rather than a
 * table in the log or the state database: it is written by its own log consumer, at its own pace,
 * and the CLI reads it while the server runs (WAL).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE tree_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) STRICT, WITHOUT ROWID;
   CREATE TABLE tree_leaves (leaf_index INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, position TEXT NOT NULL) STRICT;
   CREATE TABLE tree_head (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, position TEXT) STRICT;
   INSERT INTO tree_head (id, size, position) VALUES (1, 0, NULL);
   CREATE TABLE checkpoints (
     tree_size INTEGER PRIMARY KEY,
     root_hash BLOB    NOT NULL,
     position  TEXT,
     timestamp TEXT    NOT NULL,
     origin    TEXT    NOT NULL,
     key_id    TEXT    NOT NULL,
     note      TEXT    NOT NULL
   ) STRICT;
   CREATE TABLE cosignatures (
     tree_size INTEGER NOT NULL REFERENCES checkpoints (tree_size),
     name      TEXT    NOT NULL,
     key_id    TEXT    NOT NULL,
     line      TEXT    NOT NULL,
     timestamp INTEGER NOT NULL,
     PRIMARY KEY (tree_size, name, key_id)
   ) STRICT;`,
];

export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** The log position of the last event the tree holds at this size (absent for the empty tree). */
  readonly position?: string;
  readonly timestamp: string;
  readonly origin: string;
  readonly keyId: string;
  /** The note as the log signed it, without cosignatures. */
  readonly note: string;
}

export interface LeafToAppend {
  readonly eventId: string;
  readonly streamId: string;
  readonly position: string;
  readonly hash: Uint8Array;
}

type CheckpointRow = { tree_size: number; root_hash: Buffer; position: string | null; timestamp: string; origin: string; key_id: string; note: string };

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    treeSize: row.tree_size,
    rootHash: row.root_hash,
    ...(row.position !== null && { position: row.position }),
    timestamp: row.timestamp,
    origin: row.origin,
    keyId: row.key_id,
    note: row.note,
  };
}

/**
 * Nodes from this level up are kept in memory once read: a stored node never changes, they are a
 * few per cent of all nodes (1/16 of the leaves' count), and every proof and root reads mostly
 * them. Only reads fill the cache, and `MerkleTree.append` reads only committed nodes, so a
 * rolled-back append leaves nothing behind.
 */
const CACHED_FROM_LEVEL = 5;

export class LedgerTreeStore implements TreeStorage {
  readonly db: Database.Database;
  private readonly stmt;
  private readonly upperNodes: Map<number, Uint8Array>[] = [];

  constructor(dataDir: string, options: { readonly?: boolean } = {}) {
    if (!options.readonly) mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'ledger-tree.sqlite'), { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      // Checkpoints are signed history: they survive a power loss like the log does.
      this.db.pragma('synchronous = FULL');
      migrate(this.db);
    }
    this.stmt = {
      node: this.db.prepare<[number, number], { hash: Buffer }>('SELECT hash FROM tree_nodes WHERE level = ? AND idx = ?'),
      insertNode: this.db.prepare('INSERT INTO tree_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      insertLeaf: this.db.prepare('INSERT INTO tree_leaves (leaf_index, event_id, stream_id, position) VALUES (?, ?, ?, ?)'),
      head: this.db.prepare<[], { size: number; position: string | null }>('SELECT size, position FROM tree_head WHERE id = 1'),
      setSize: this.db.prepare('UPDATE tree_head SET size = ? WHERE id = 1'),
      setPosition: this.db.prepare('UPDATE tree_head SET position = ? WHERE id = 1'),
      leafOf: this.db.prepare<[string], { leaf_index: number; stream_id: string; position: string }>('SELECT leaf_index, stream_id, position FROM tree_leaves WHERE event_id = ?'),
      checkpoint: this.db.prepare<[number], CheckpointRow>('SELECT * FROM checkpoints WHERE tree_size = ?'),
      latest: this.db.prepare<[], CheckpointRow>('SELECT * FROM checkpoints ORDER BY tree_size DESC LIMIT 1'),
      page: this.db.prepare<[number, number], CheckpointRow>('SELECT * FROM checkpoints ORDER BY tree_size DESC LIMIT ? OFFSET ?'),
      count: this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM checkpoints'),
      insertCheckpoint: this.db.prepare(
        'INSERT INTO checkpoints (tree_size, root_hash, position, timestamp, origin, key_id, note) VALUES (@treeSize, @rootHash, @position, @timestamp, @origin, @keyId, @note)',
      ),
      cosignatures: this.db.prepare<[number], { line: string }>('SELECT line FROM cosignatures WHERE tree_size = ? ORDER BY name, key_id'),
      upsertCosignature: this.db.prepare(
        `INSERT INTO cosignatures (tree_size, name, key_id, line, timestamp) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tree_size, name, key_id) DO UPDATE SET line = excluded.line, timestamp = excluded.timestamp WHERE excluded.timestamp > cosignatures.timestamp`,
      ),
    };
  }

  get size(): number {
    return this.stmt.head.get()!.size;
  }

  /** The log position of the last event in the tree: where the tree's consumer resumes. */
  get position(): string | undefined {
    return this.stmt.head.get()!.position ?? undefined;
  }

  node(level: number, index: number): Uint8Array | undefined {
    if (level < CACHED_FROM_LEVEL) return this.stmt.node.get(level, index)?.hash;
    const cached = this.upperNodes[level]?.get(index);
    if (cached !== undefined) return cached;
    const hash = this.stmt.node.get(level, index)?.hash;
    if (hash !== undefined) this.remember(level, index, hash);
    return hash;
  }

  private remember(level: number, index: number, hash: Uint8Array): void {
    (this.upperNodes[level] ??= new Map()).set(index, hash);
  }

  /** Stores nodes and the new size; the caller's transaction (see `appendEvents`) holds the leaves beside them. */
  append(nodes: readonly TreeNode[], newSize: number): void {
    for (const { level, index, hash } of nodes) this.stmt.insertNode.run(level, index, hash);
    this.stmt.setSize.run(newSize);
  }

  /** Appends events to `tree` (which stores into this file) with their leaf index and the position reached, in one transaction. */
  appendEvents(tree: MerkleTree, leaves: readonly LeafToAppend[], position: string): void {
    this.db.transaction(() => {
      const first = this.size;
      tree.append(leaves.map((leaf) => leaf.hash));
      leaves.forEach((leaf, i) => this.stmt.insertLeaf.run(first + i, leaf.eventId, leaf.streamId, leaf.position));
      this.stmt.setPosition.run(position);
    })();
  }

  leafOf(eventId: string): { leafIndex: number; streamId: string; position: string } | undefined {
    const row = this.stmt.leafOf.get(eventId);
    return row && { leafIndex: row.leaf_index, streamId: row.stream_id, position: row.position };
  }

  checkpoint(treeSize: number): StoredCheckpoint | undefined {
    const row = this.stmt.checkpoint.get(treeSize);
    return row && toCheckpoint(row);
  }

  latestCheckpoint(): StoredCheckpoint | undefined {
    const row = this.stmt.latest.get();
    return row && toCheckpoint(row);
  }

  checkpoints(limit: number, offset: number): { items: StoredCheckpoint[]; total: number } {
    return { items: this.stmt.page.all(limit, offset).map(toCheckpoint), total: this.stmt.count.get()!.n };
  }

  /** Refuses (primary key) a second checkpoint of one size: the log never signs two roots for one size. */
  insertCheckpoint(checkpoint: StoredCheckpoint): void {
    this.stmt.insertCheckpoint.run({ ...checkpoint, position: checkpoint.position ?? null });
  }

  cosignatureLines(treeSize: number): string[] {
    return this.stmt.cosignatures.all(treeSize).map((row) => row.line);
  }

  /** One cosignature per witness key and checkpoint; a newer one from the same key replaces it. */
  putCosignature(treeSize: number, name: string, keyId: string, line: string, timestamp: number): void {
    this.stmt.upsertCosignature.run(treeSize, name, keyId, line, timestamp);
  }

  close(): void {
    this.db.close();
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) throw new Error(`ledger-tree.sqlite schema ${current} is newer than this build knows (${MIGRATIONS.length})`);
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

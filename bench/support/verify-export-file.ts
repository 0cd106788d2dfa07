/**
 * The verify benchmark's export: the read benchmarks' realistic agreement histories (planLog),
 * sealed onto their hash chains as the store seals them and written as `ledger export` writes
 * them, with positions in log order — no database in between, so a million events take seconds
 * to write rather than minutes. Alongside, the log's signed checkpoint, as the server would sign it.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateEd25519 } from '../../src/core/ed25519.js';
import { exportLine } from '../../src/core/exported-event.js';
import { GENESIS_HASH, sealEvent } from '../../src/core/hash-chain.js';
import { InMemoryTreeStorage, MerkleTree, eventLeafHash } from '../../src/core/merkle-tree.js';
import { SIGNATURE_TYPE, formatNote, signNoteText, verifierKeyOf } from '../../src/core/signed-note.js';
import type { StoredEvent } from '../../src/core/stored-event.js';
import { formatCheckpoint } from '../../src/core/tlog-checkpoint.js';
import { planLog, type LogShape } from './read-fixtures.js';

export interface GeneratedExport {
  readonly file: string;
  readonly events: number;
  readonly bytes: number;
  /** The signed checkpoint over every event, and the key that verifies it. */
  readonly checkpoint: string;
  readonly verifierKey: string;
}

const BASE_TIME = Date.parse('2024-01-01T00:00:00Z');

export async function writeExport(file: string, shape: LogShape): Promise<GeneratedExport> {
  const out = createWriteStream(file);
  /** Per stream: the next revision and the hash its next event chains to. */
  const heads = new Map<string, { revision: number; hash: string }>();
  const tree = new MerkleTree(new InMemoryTreeStorage());
  let position = 0;
  let bytes = 0;
  for (const append of planLog(shape)) {
    let chunk = '';
    for (const event of append.events) {
      position++;
      const { streamId } = append;
      const head = heads.get(streamId) ?? { revision: 0, hash: GENESIS_HASH };
      const eventId = randomUUID();
      const recordedAt = new Date(BASE_TIME + position * 1000).toISOString();
      const link = { eventId, streamId, revision: head.revision, type: event.type, data: event.data, metadata: { ...event.metadata, recordedAt } };
      const metadata = sealEvent(head.hash, link);
      const stored: StoredEvent = { eventId, type: event.type, data: event.data, metadata, streamId, revision: head.revision, position: String(position), recordedAt };
      heads.set(streamId, { revision: head.revision + 1, hash: metadata.hash as string });
      tree.append([eventLeafHash(metadata.hash as string)]);
      chunk += `${exportLine(stored)}\n`;
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  const key = { name: 'bench.example.fi/agreements', type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed };
  const text = formatCheckpoint({ origin: key.name, treeSize: tree.size, rootHash: tree.root() });
  return { file, events: position, bytes, checkpoint: formatNote({ text, signatures: [signNoteText(text, key)] }), verifierKey: verifierKeyOf(key) };
}

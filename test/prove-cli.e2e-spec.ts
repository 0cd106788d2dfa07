/**
 * `ledger checkpoint` and `ledger prove`: a proof file made through the server's endpoints (here
 * a stand-in serving API.md's shapes from the core's own tree), then checked offline.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEd25519 } from '../src/core/ed25519.js';
import { InMemoryTreeStorage, MerkleTree, eventLeafHash } from '../src/core/merkle-tree.js';
import { SIGNATURE_TYPE, formatNote, signNoteText, verifierKeyOf, type SignerKey } from '../src/core/signed-note.js';
import type { StoredEvent } from '../src/core/stored-event.js';
import { formatCheckpoint } from '../src/core/tlog-checkpoint.js';
import { ledger, ledgerAsync, writeFixtureLog } from './support/fixture-log.js';
import { tempDir } from './support/temp-dir.js';

const ORIGIN = 'ledger.example.fi/agreements';
const TOKEN = 'ldg_auditor';
const dir = tempDir('prove');
const logKey: SignerKey = { name: ORIGIN, type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed };
const file = (name: string) => join(dir.path, name);
let events: StoredEvent[] = [];
let tree: MerkleTree;
let note = '';
let server: Server;
let url = '';

beforeAll(async () => {
  await writeFixtureLog(dir.path);
  expect(ledger('--data-dir', dir.path, 'export', '--out', file('ledger.ndjson')).status).toBe(0);
  events = readFileSync(file('ledger.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StoredEvent);
  tree = new MerkleTree(new InMemoryTreeStorage());
  tree.append(events.map((e) => eventLeafHash(e.metadata.hash as string)));
  const text = formatCheckpoint({ origin: ORIGIN, treeSize: tree.size, rootHash: tree.root() });
  note = formatNote({ text, signatures: [signNoteText(text, logKey)] });
  writeFileSync(file('log.vkey'), verifierKeyOf(logKey));
  server = createServer((req, res) => {
    const at = new URL(req.url!, 'http://localhost');
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end();
    if (at.pathname === '/api/checkpoint') return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(note);
    const index = events.findIndex((e) => e.eventId === at.searchParams.get('eventId'));
    if (at.pathname !== '/api/proofs/inclusion' || index < 0) return res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"detail":"no such event"}');
    const treeSize = Number(at.searchParams.get('treeSize'));
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        leafIndex: index,
        treeSize,
        leafHash: eventLeafHash(events[index]!.metadata.hash as string).toString('hex'),
        rootHash: tree.root(treeSize).toString('hex'),
        proof: tree.inclusionProof(index, treeSize).map((hash) => hash.toString('hex')),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  dir.remove();
});

describe('ledger checkpoint and prove', () => {
  it('fetches the latest checkpoint verbatim, and says the data directory keeps none yet', async () => {
    const fetched = await ledgerAsync('checkpoint', '--url', url, '--token', TOKEN, '--out', file('checkpoint.txt'));
    expect(fetched.status).toBe(0);
    expect(readFileSync(file('checkpoint.txt'), 'utf8')).toBe(note);
    const json = await ledgerAsync('--json', 'checkpoint', '--url', url, '--token', TOKEN);
    expect(JSON.parse(json.stdout)).toEqual({ origin: ORIGIN, treeSize: events.length, rootHash: tree.root().toString('hex'), checkpoint: note });
    expect(ledger('--data-dir', dir.path, 'checkpoint').status).toBe(2);
    // The fetched checkpoint verifies the export it was made for.
    expect(ledger('verify', file('ledger.ndjson'), '--checkpoint', file('checkpoint.txt'), '--key', file('log.vkey')).status).toBe(0);
  });

  it('writes a tlog-proof for an event that verifies offline by the event\'s content or its hash', async () => {
    const event = events[7]!;
    const made = await ledgerAsync('prove', event.eventId, '--url', url, '--token', TOKEN, '--out', file('proof.txt'));
    expect(made.status).toBe(0);
    expect(readFileSync(file('proof.txt'), 'utf8')).toMatch(/^c2sp\.org\/tlog-proof@v1\nindex 7\n/);
    writeFileSync(file('event.json'), JSON.stringify(event));
    const byContent = ledger('--json', 'prove', '--verify', file('proof.txt'), '--key', file('log.vkey'), '--event', file('event.json'));
    expect(byContent.status).toBe(0);
    expect(JSON.parse(byContent.stdout)).toEqual({ valid: true, index: 7, treeSize: events.length, eventHash: event.metadata.hash });
    expect(ledger('prove', '--verify', file('proof.txt'), '--key', verifierKeyOf(logKey), '--event-hash', event.metadata.hash as string).status).toBe(0);
    expect((await ledgerAsync('prove', 'no-such-event', '--url', url, '--token', TOKEN)).status).toBe(2);
  });

  it('refuses a changed event, another event, another key and a proof for another index', async () => {
    const event = events[7]!;
    expect((await ledgerAsync('prove', event.eventId, '--url', url, '--token', TOKEN, '--out', file('proof.txt'))).status).toBe(0);
    const verify = (...args: string[]) => ledger('--json', 'prove', '--verify', file('proof.txt'), ...args);

    // The metadata still claims the old hash; the hash is recomputed from the content.
    writeFileSync(file('changed.json'), JSON.stringify(event).replace('"revision":', '"revision":1'));
    const changed = verify('--key', file('log.vkey'), '--event', file('changed.json'));
    expect(changed.status).toBe(1);
    expect(JSON.parse(changed.stdout).reason).toBe('the inclusion proof: the proof leads to another root');
    expect(verify('--key', file('log.vkey'), '--event-hash', events[8]!.metadata.hash as string).status).toBe(1);

    const otherKey = verifierKeyOf({ name: ORIGIN, type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed });
    const refused = verify('--key', otherKey, '--event-hash', event.metadata.hash as string);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout).reason).toBe('the checkpoint: no signature by a known key');

    writeFileSync(file('moved.txt'), readFileSync(file('proof.txt'), 'utf8').replace('index 7\n', 'index 6\n'));
    expect(ledger('prove', '--verify', file('moved.txt'), '--key', file('log.vkey'), '--event-hash', event.metadata.hash as string).status).toBe(1);
    writeFileSync(file('garbled.txt'), 'c2sp.org/tlog-proof@v1\nindex seven\n\n');
    expect(ledger('prove', '--verify', file('garbled.txt'), '--key', file('log.vkey'), '--event-hash', event.metadata.hash as string).status).toBe(2);
    expect(ledger('prove', '--verify', file('proof.txt'), '--key', file('log.vkey')).status).toBe(2);
  });
});

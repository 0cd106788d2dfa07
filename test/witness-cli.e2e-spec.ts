/**
 * `ledger witness`: against the real server it cosigns each checkpoint, checking the next against
 * the last it cosigned, and the served note carries its cosignature; against a stand-in log that
 * rewrites, rolls back, forks or changes key, it refuses (exit 1), posts nothing and keeps its state.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEd25519 } from '../src/core/ed25519.js';
import { InMemoryTreeStorage, MerkleTree, leafHash } from '../src/core/merkle-tree.js';
import {
  SIGNATURE_TYPE,
  ed25519Verifier,
  formatNote,
  formatSignerKey,
  parseSignerKey,
  signNoteText,
  verifierKeyOf,
  verifyNote,
  type SignerKey,
} from '../src/core/signed-note.js';
import { formatCheckpoint } from '../src/core/tlog-checkpoint.js';
import { cosignatureVerifier } from '../src/core/tlog-cosignature.js';
import { kymenlaaksoCommands, kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { ledgerAsync } from './support/fixture-log.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('witness');
const file = (name: string) => join(dir.path, name);
const witness: SignerKey = { name: 'witness.kotka.example', type: SIGNATURE_TYPE.cosignatureV1, seed: generateEd25519().seed };

beforeAll(() => writeFileSync(file('witness.key'), formatSignerKey(witness)));
afterAll(() => dir.remove());

const runWitness = async (url: string, token: string, logKey: string, stateFile: string, keyFile = file('witness.key')) => {
  const run = await ledgerAsync('--json', 'witness', '--once', '--url', url, '--token', token, '--log-key', logKey, '--key-file', keyFile, '--state-file', stateFile);
  return { ...run, answer: run.stdout === '' ? undefined : JSON.parse(run.stdout) };
};

describe('ledger witness against the server', () => {
  let t: TestApp;
  let clerk = '';
  const commands = kymenlaaksoCommands();

  /** Records commands and waits until a checkpoint covers the last (signed after every commit). */
  const record = async (slice: typeof commands) => {
    let position = '';
    for (const command of slice) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      expect(res.status).toBe(201);
      position = ((await res.json()) as { position: string }).position;
    }
    expect((await t.call(`/checkpoint?minPosition=${position}`, { token: clerk })).status).toBe(200);
  };
  const served = async () => (await t.call('/checkpoint', { token: clerk })).text();

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_CHECKPOINT_INTERVAL: '0', LEDGER_WITNESS_KEYS: verifierKeyOf(witness) });
    // A witness may be any party's: a clerk's token will do.
    clerk = t.createToken({ role: 'clerk', partyId: kymenlaaksoParties.kotka.partyId, name: 'Kotkan todistaja' });
    const keys = (await (await t.call('/keys', { token: clerk })).json()) as { keys: { verifierKey: string }[] };
    writeFileSync(file('log.vkey'), keys.keys[0]!.verifierKey);
  });
  afterAll(async () => t.close());

  it('cosigns the latest checkpoint, then the next after checking it extends the first; the served note carries the cosignature', async () => {
    await record(commands.slice(0, 3));
    const first = await runWitness(t.api, clerk, file('log.vkey'), file('server.state'));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.answer).toEqual({
      witness: verifierKeyOf(witness),
      origin: expect.stringMatching(/^agreement-ledger\//),
      treeSize: 3,
      rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      previousTreeSize: null,
      timestamp: expect.any(Number),
    });
    const verifiers = [ed25519Verifier(readFileSync(file('log.vkey'), 'utf8')), cosignatureVerifier(verifierKeyOf(witness))];
    expect(verifyNote(await served(), verifiers).verifiedBy.map((v) => v.name)).toEqual([first.answer.origin, witness.name]);

    await record(commands.slice(3));
    const second = await runWitness(t.api, clerk, file('log.vkey'), file('server.state'));
    expect(second.status).toBe(0);
    expect(second.answer).toMatchObject({ treeSize: commands.length, previousTreeSize: 3 });
    const note = await served();
    expect(note.split('\n')[1]).toBe(String(commands.length));
    expect(verifyNote(note, verifiers).verifiedBy).toHaveLength(2);
    expect(JSON.parse(readFileSync(file('server.state'), 'utf8')).checkpoint).toBe(note.slice(0, note.lastIndexOf('\u2014 witness.kotka.example')));
  });

  it('creates a missing key and prints its verifier key; a log not listing it refuses the cosignature', async () => {
    const keyFile = file('new-witness.key');
    const run = await ledgerAsync('witness', '--once', '--name', 'witness.hamina.example', '--url', t.api, '--token', clerk,
      '--log-key', file('log.vkey'), '--key-file', keyFile, '--state-file', file('new.state'));
    const created = parseSignerKey(readFileSync(keyFile, 'utf8'));
    expect(created).toMatchObject({ name: 'witness.hamina.example', type: SIGNATURE_TYPE.cosignatureV1 });
    expect(run.stdout).toContain(verifierKeyOf(created));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a witness this log accepts');
  });

  it('refuses a log key that is not the log\'s, and a witness key for a log key', async () => {
    const other = verifierKeyOf({ name: 'agreement-ledger/0000000000000000', type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed });
    const refused = await runWitness(t.api, clerk, other, file('other.state'));
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stderr).error).toMatchObject({ code: 'verification-failed', message: expect.stringContaining('no signature by a known key') });
    expect(existsSync(file('other.state'))).toBe(false);
    expect((await runWitness(t.api, clerk, verifierKeyOf(witness), file('other.state'))).status).toBe(2);
  });
});

describe('ledger witness against a log that rewrites its history', () => {
  const ORIGIN = 'ledger.example.fi/agreements';
  const logKey: SignerKey = { name: ORIGIN, type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed };
  const TOKEN = 'ldg_witness';
  let server: Server;
  let url = '';
  /** What the stand-in log serves now: its tree and the key that signs its checkpoint. */
  let log = { tree: treeOf(6), key: logKey };
  const posted: string[] = [];

  function treeOf(size: number, rewritten?: number): MerkleTree {
    const tree = new MerkleTree(new InMemoryTreeStorage());
    tree.append(Array.from({ length: size }, (_, i) => leafHash(Buffer.from(i === rewritten ? `rewritten ${i}` : `event ${i}`))));
    return tree;
  }
  const serve = (tree: MerkleTree, key = logKey) => (log = { tree, key });
  const state = file('stand-in.state');
  const witnessRound = () => runWitness(url, TOKEN, verifierKeyOf(logKey), state);

  beforeAll(async () => {
    server = createServer((req, res) => {
      const at = new URL(req.url!, 'http://localhost');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end();
      if (at.pathname === '/api/checkpoint') {
        const text = formatCheckpoint({ origin: ORIGIN, treeSize: log.tree.size, rootHash: log.tree.root() });
        return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(formatNote({ text, signatures: [signNoteText(text, log.key)] }));
      }
      if (at.pathname === '/api/proofs/consistency') {
        const [from, to] = [Number(at.searchParams.get('from')), Number(at.searchParams.get('to'))];
        const proof = log.tree.consistencyProof(from, to).map((hash) => hash.toString('hex'));
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ from, to, fromRoot: log.tree.root(from).toString('hex'), toRoot: log.tree.root(to).toString('hex'), proof }));
      }
      if (at.pathname === '/api/checkpoints/cosignatures' && req.method === 'POST') {
        let body = '';
        req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        return req.on('end', () => {
          posted.push(body);
          res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
        });
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));

  it('cosigns an honest log, and refuses it once it rewrote, rolled back, forked or changed key, keeping its state', async () => {
    expect(await witnessRound()).toMatchObject({ status: 0, answer: { treeSize: 6, previousTreeSize: null } });
    expect(posted).toHaveLength(1);
    const kept = readFileSync(state, 'utf8');

    const refusals: [MerkleTree, SignerKey, string][] = [
      [treeOf(9, 2), logKey, "the log's history was rewritten"],
      [treeOf(4), logKey, 'the log was rolled back'],
      [treeOf(6, 5), logKey, 'two different roots for one tree size'],
      [treeOf(9), { ...logKey, seed: generateEd25519().seed }, 'no signature by a known key'],
    ];
    for (const [tree, key, reason] of refusals) {
      serve(tree, key);
      const refused = await witnessRound();
      expect(refused.status).toBe(1);
      expect(JSON.parse(refused.stderr).error.message).toContain(reason);
      expect(posted).toHaveLength(1);
      expect(readFileSync(state, 'utf8')).toBe(kept);
    }

    serve(treeOf(9));
    expect(await witnessRound()).toMatchObject({ status: 0, answer: { treeSize: 9, previousTreeSize: 6 } });
    expect(posted).toHaveLength(2);
    expect(posted[1]).toMatch(/^\u2014 witness\.kotka\.example [A-Za-z0-9+/]+=*\n$/);
  });
});

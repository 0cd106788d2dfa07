/**
 * Signed checkpoints and proofs over real HTTP: the served note verifies with the listed key and
 * commits to the tree of every event; inclusion and consistency proofs verify offline; witnesses'
 * cosignatures are accepted only from configured keys; the origin and keys survive a restart; a
 * tree rebuilt from the log gives the same root.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { generateEd25519 } from '../src/core/ed25519.js';
import { eventHash } from '../src/core/hash-chain.js';
import { InMemoryTreeStorage, MerkleTree, eventLeafHash } from '../src/core/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../src/core/merkle-proofs.js';
import { SIGNATURE_TYPE, ed25519Verifier, formatSignatureLine, parseNote, verifierKeyOf, verifyNote, type SignerKey } from '../src/core/signed-note.js';
import { parseCheckpoint } from '../src/core/tlog-checkpoint.js';
import { cosignCheckpoint, cosignatureVerifier } from '../src/core/tlog-cosignature.js';
import { kymenlaaksoCommands, kymenlaaksoParties, KYMENLAAKSO_AGREEMENT_ID as KYM } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const witness: SignerKey = { name: 'witness.kotka.example', type: SIGNATURE_TYPE.cosignatureV1, seed: generateEd25519().seed };
const stranger: SignerKey = { ...witness, seed: generateEd25519().seed };

describe('checkpoints and proofs over HTTP', () => {
  let t: TestApp;
  let clerk: string;
  let lastPosition = '';
  const positions: string[] = [];

  const text = async (path: string, token = clerk) => {
    const res = await t.call(path, { token });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };
  const get = async (path: string, token = clerk) => {
    const res = await t.call(path, { token });
    return { status: res.status, body: (await res.json()) as any };
  };
  const post = async (path: string, body: string, token = clerk) => {
    const res = await t.call(path, { method: 'POST', token, body, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    return { status: res.status, body: (await res.json()) as any };
  };
  const logKey = async () => (await get('/keys')).body.keys[0].verifierKey as string;
  const allEvents = async () => (await get(`/agreements/${KYM}/events`, t.adminToken)).body as any[];

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_CHECKPOINT_INTERVAL: '0', LEDGER_WITNESS_KEYS: verifierKeyOf(witness) });
    clerk = t.createToken({ role: 'clerk', partyId: kymenlaaksoParties.kotka.partyId, name: 'Kotka' });
  });
  afterAll(async () => t.close());

  it('signs the empty log on first start: a C2SP checkpoint of size 0, origin derived from its key', async () => {
    const { status, type, body } = await text('/checkpoint');
    expect(status).toBe(200);
    expect(type).toBe('text/plain; charset=utf-8');
    const { note } = verifyNote(body, [ed25519Verifier(await logKey())]);
    const checkpoint = parseCheckpoint(note.text);
    expect(checkpoint).toMatchObject({ treeSize: 0, origin: expect.stringMatching(/^agreement-ledger\/[0-9a-f]{16}$/) });
    expect(checkpoint.rootHash.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(note.signatures[0]!.name).toBe(checkpoint.origin);
  });

  describe('after the Kymenlaakso agreement is recorded', () => {
    beforeAll(async () => {
      for (const command of kymenlaaksoCommands()) {
        const { path, body } = toHttpRequest(command);
        const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
        if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        lastPosition = ((await res.json()) as { position: string }).position;
        positions.push(lastPosition);
      }
    });

    it('checkpoints every event after each commit (interval 0): the root is that of the events as exported', async () => {
      const { body } = await text(`/checkpoint?minPosition=${lastPosition}`);
      const checkpoint = parseCheckpoint(verifyNote(body, [ed25519Verifier(await logKey())]).note.text);
      const events = await allEvents();
      const tree = new MerkleTree(new InMemoryTreeStorage());
      // Each leaf from the hash recomputed from the event's content, never from its metadata.
      tree.append(events.map(({ metadata: { hash, ...unsealed }, ...event }) => eventLeafHash(eventHash({ ...event, prevHash: unsealed.prevHash, metadata: unsealed }))));
      expect(checkpoint.treeSize).toBe(events.length);
      expect(checkpoint.rootHash).toEqual(tree.root());
    });

    it('gives the same checkpoint as JSON in /digest, and keeps every checkpoint in /checkpoints', async () => {
      const { body: note } = await text('/checkpoint');
      const { status, body } = await get('/digest');
      expect(status).toBe(200);
      const signed = parseNote(note).signatures[0]!;
      expect(body).toEqual({
        origin: parseCheckpoint(parseNote(note).text).origin,
        treeSize: positions.length,
        rootHash: parseCheckpoint(parseNote(note).text).rootHash.toString('hex'),
        position: lastPosition,
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        keyId: signed.keyId.toString('hex'),
        signature: signed.signature.toString('base64'),
        checkpoint: note,
      });
      const list = await get('/checkpoints?limit=3');
      expect(list.body.total).toBeGreaterThanOrEqual(2);
      expect(list.body.items).toHaveLength(3);
      expect(list.body.items[0]).toEqual(body);
      expect(list.body.items.map((c: any) => c.treeSize)).toEqual([...list.body.items.map((c: any) => c.treeSize)].sort((a, b) => b - a));
    });

    it('lists the signing key in /keys in C2SP verifier key form', async () => {
      const { body } = await get('/keys');
      expect(body.keys).toEqual([
        {
          keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
          algorithm: 'ed25519',
          publicKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
          verifierKey: expect.stringMatching(/^agreement-ledger\/[0-9a-f]{16}\+[0-9a-f]{8}\+/),
          createdAt: expect.stringMatching(/^\d{4}-/),
        },
      ]);
    });

    it('proves an event in the tree: the proof verifies against the signed root (auditors and admins)', async () => {
      const digest = (await get('/digest')).body;
      const event = (await allEvents())[2];
      const { status, body } = await get(`/proofs/inclusion?eventId=${event.eventId}`, t.adminToken);
      expect(status).toBe(200);
      expect(body).toMatchObject({ leafIndex: 2, treeSize: digest.treeSize, rootHash: digest.rootHash, leafHash: eventLeafHash(event.metadata.hash).toString('hex') });
      const hashes = body.proof.map((h: string) => Buffer.from(h, 'hex'));
      expect(verifyInclusion(2, body.treeSize, eventLeafHash(event.metadata.hash), hashes, Buffer.from(digest.rootHash, 'hex'))).toBe(true);
      const older = await get(`/proofs/inclusion?eventId=${event.eventId}&treeSize=3`, t.createToken({ role: 'auditor', name: 'Auditor' }));
      expect(older.body).toMatchObject({ leafIndex: 2, treeSize: 3 });
    });

    it('proves each kept checkpoint consistent with the latest (every principal)', async () => {
      const { body: list } = await get('/checkpoints?limit=500');
      const latest = list.items[0];
      for (const earlier of list.items.filter((c: any) => c.treeSize > 0)) {
        const { status, body } = await get(`/proofs/consistency?from=${earlier.treeSize}&to=${latest.treeSize}`);
        expect(status).toBe(200);
        expect(body).toMatchObject({ from: earlier.treeSize, to: latest.treeSize, fromRoot: earlier.rootHash, toRoot: latest.rootHash });
        const proof = body.proof.map((h: string) => Buffer.from(h, 'hex'));
        expect(verifyConsistency(earlier.treeSize, latest.treeSize, Buffer.from(earlier.rootHash, 'hex'), Buffer.from(latest.rootHash, 'hex'), proof)).toBe(true);
      }
    });

    it('proves the first event, its leaf recomputed from its content, against every kept checkpoint in turn, each consistent with the one before (the immudb lesson)', async () => {
      const [first] = await allEvents();
      const { hash: _stored, ...unsealed } = first.metadata;
      const leaf = eventLeafHash(eventHash({ ...first, prevHash: unsealed.prevHash, metadata: unsealed }));
      const kept = ((await get('/checkpoints?limit=500')).body.items as any[]).filter((c) => c.treeSize > 0).reverse();
      expect(kept.length).toBeGreaterThanOrEqual(positions.length);
      const auditor = t.createToken({ role: 'auditor', name: 'Tilintarkastaja' });
      for (let k = 0; k < kept.length; k++) {
        const { treeSize, rootHash } = kept[k];
        if (k > 0) {
          const { body } = await get(`/proofs/consistency?from=${kept[k - 1].treeSize}&to=${treeSize}`);
          expect(verifyConsistency(kept[k - 1].treeSize, treeSize, Buffer.from(kept[k - 1].rootHash, 'hex'), Buffer.from(rootHash, 'hex'), body.proof.map((h: string) => Buffer.from(h, 'hex')))).toBe(true);
        }
        const { body } = await get(`/proofs/inclusion?eventId=${first.eventId}&treeSize=${treeSize}`, auditor);
        expect(verifyInclusion(0, treeSize, leaf, body.proof.map((h: string) => Buffer.from(h, 'hex')), Buffer.from(rootHash, 'hex'))).toBe(true);
      }
    });

    it.each([
      ['/proofs/inclusion', 'eventId'],
      ['/proofs/inclusion?eventId=x&treeSize=0', 'treeSize'],
      ['/proofs/inclusion?eventId=x&treeSize=abc', 'treeSize'],
      ['/proofs/consistency?from=0', 'from'],
      ['/proofs/consistency?from=2&to=1', 'from'],
      ['/proofs/consistency?from=1&to=100000', 'to'],
      ['/checkpoints?limit=0', 'limit'],
      ['/checkpoint?minPosition=not-a-position', 'minPosition'],
    ])('answers %s with a 400 naming %s', async (path, field) => {
      const { status, body } = await get(path, t.adminToken);
      expect(status).toBe(400);
      expect(body.errors.map((e: any) => e.field)).toContain(field);
    });

    it('refuses inclusion proofs to clerks, and finds no event it does not have', async () => {
      const event = (await allEvents())[0];
      expect((await get(`/proofs/inclusion?eventId=${event.eventId}`)).status).toBe(403);
      expect((await get('/proofs/inclusion?eventId=0190d6a2-0000-7000-8000-000000000000', t.adminToken)).status).toBe(404);
      const elsewhere = t.createToken({ role: 'admin', region: 'Pirkanmaa', name: 'Pirkanmaa' });
      expect((await get(`/proofs/inclusion?eventId=${event.eventId}`, elsewhere)).status).toBe(404);
      expect((await get(`/proofs/inclusion?eventId=${event.eventId}&treeSize=${positions.length + 1}`, t.adminToken)).status).toBe(400);
      expect((await t.call('/checkpoint')).status).toBe(401);
    });

    it('adds a configured witness cosignature to the served note, and refuses others with the log unchanged', async () => {
      const before = await text('/checkpoint');
      const checkpointText = parseNote(before.body).text;
      const line = formatSignatureLine(cosignCheckpoint(checkpointText, witness, 1_764_633_600));
      const foreign = formatSignatureLine(cosignCheckpoint(checkpointText, stranger, 1_764_633_600));
      const forged = formatSignatureLine(cosignCheckpoint(checkpointText.replace(/\n\d+\n/, '\n999\n'), witness, 1_764_633_600));
      expect(await post('/checkpoints/cosignatures', foreign)).toMatchObject({ status: 422 });
      expect(await post('/checkpoints/cosignatures', forged)).toMatchObject({ status: 422 });
      expect(await post('/checkpoints/cosignatures', 'not a signature')).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } });
      expect((await text('/checkpoint')).body).toBe(before.body);

      const accepted = await post('/checkpoints/cosignatures', line);
      expect(accepted).toEqual({ status: 201, body: { treeSize: parseCheckpoint(checkpointText).treeSize, name: witness.name, keyId: expect.any(String), timestamp: 1_764_633_600 } });
      const served = (await text('/checkpoint')).body;
      expect(served).toBe(before.body + line);
      const { verifiedBy } = verifyNote(served, [ed25519Verifier(await logKey()), cosignatureVerifier(verifierKeyOf(witness))]);
      expect(verifiedBy.map((v) => v.name)).toEqual([parseCheckpoint(checkpointText).origin, witness.name]);
      expect((await get('/digest')).body.checkpoint).toBe(served);
    });
  });

  describe('across restarts', () => {
    it('keeps origin and keys; a tree rebuilt from the log gives the same root; with an interval, the checkpoint waits', async () => {
      const before = (await get('/digest')).body;
      const keys = (await get('/keys')).body;
      const dataDir = t.dataDir;
      await t.close({ keepData: true });
      // Drop the derived tree: the consumer rebuilds it from the log.
      const db = new Database(join(dataDir, 'ledger-tree.sqlite'));
      db.exec('DELETE FROM tree_nodes; DELETE FROM tree_leaves; UPDATE tree_head SET size = 0, position = NULL;');
      db.close();
      t = await startTestApp({ LEDGER_CHECKPOINT_INTERVAL: '3600' }, { dataDir });
      clerk = t.createToken({ role: 'auditor', name: 'Auditor' });
      expect((await get('/keys')).body).toEqual(keys);
      // Wait for the rebuild through read-your-writes on the tree, then compare roots.
      const event = (await allEvents())[0];
      await get(`/proofs/inclusion?eventId=${event.eventId}&minPosition=${before.position}`, t.adminToken);
      expect((await get(`/proofs/consistency?from=${before.treeSize}&to=${before.treeSize}`)).body.toRoot).toBe(before.rootHash);

      const { path, body } = toHttpRequest(kymenlaaksoCommands()[0]!);
      const res = await t.call(path.replace(KYM, 'kymenlaakso-toinen'), { method: 'POST', token: t.adminToken, json: { ...body, agreementId: 'kymenlaakso-toinen' } });
      expect(res.status).toBe(201);
      const { position } = (await res.json()) as { position: string };
      await get(`/proofs/inclusion?eventId=${event.eventId}&minPosition=${position}`, t.adminToken);
      const after = (await get('/digest')).body;
      expect(after).toMatchObject({ origin: before.origin, treeSize: before.treeSize, rootHash: before.rootHash });
      expect((await get(`/proofs/consistency?from=${before.treeSize}&to=${before.treeSize + 1}`)).status).toBe(200);
    });

    it('rotates the log key: the old key stays listed, retired, and new checkpoints are signed by the new one', async () => {
      const res = await t.call('/keys/rotation', { method: 'POST', token: t.adminToken });
      expect(res.status).toBe(201);
      const { keys } = (await get('/keys')).body;
      expect(keys).toHaveLength(2);
      expect(keys[1].retiredAt).toEqual(expect.any(String));
      expect(keys[0].retiredAt).toBeUndefined();
      expect(keys[0].verifierKey.split('+')[0]).toBe(keys[1].verifierKey.split('+')[0]);
      // The checkpoint signed before the rotation still verifies with the retired key.
      verifyNote((await text('/checkpoint')).body, [ed25519Verifier(keys[1].verifierKey)]);
    });
  });

  describe('a log changed under its checkpoints', () => {
    it('is never signed again: the rebuilt tree does not give the signed root, so no checkpoint follows', async () => {
      const u = await startTestApp({ LEDGER_CHECKPOINT_INTERVAL: '0' });
      const commands = kymenlaaksoCommands();
      let position = '';
      for (const command of commands.slice(0, 3)) {
        const { path, body } = toHttpRequest(command);
        position = ((await (await u.call(path, { method: 'POST', token: u.adminToken, json: body })).json()) as { position: string }).position;
      }
      const signed = (await (await u.call(`/digest?minPosition=${position}`, { token: u.adminToken })).json()) as any;
      expect(signed.treeSize).toBe(3);
      const dataDir = u.dataDir;
      await u.close({ keepData: true });

      // The stored hash of the first event rewritten, and the derived tree dropped to be rebuilt from it.
      const log = new Database(join(dataDir, 'ledger.sqlite'));
      log.prepare(`UPDATE events SET metadata = json_set(metadata, '$.hash', ?) WHERE position = (SELECT min(position) FROM events)`).run('f'.repeat(64));
      log.close();
      const tree = new Database(join(dataDir, 'ledger-tree.sqlite'));
      tree.exec('DELETE FROM tree_nodes; DELETE FROM tree_leaves; UPDATE tree_head SET size = 0, position = NULL;');
      tree.close();

      const v = await startTestApp({ LEDGER_CHECKPOINT_INTERVAL: '0' }, { dataDir });
      try {
        const { path, body } = toHttpRequest(commands[0]!);
        const res = await v.call(path, { method: 'POST', token: v.adminToken, json: { ...body, agreementId: 'kymenlaakso-toinen' } });
        const { position: after } = (await res.json()) as { position: string };
        // The tree takes the new event in; the signer refuses to sign it.
        const event = (await (await v.call(`/agreements/kymenlaakso-toinen/events`, { token: v.adminToken })).json()) as any[];
        const proof = await v.call(`/proofs/inclusion?eventId=${event[0].eventId}&treeSize=4&minPosition=${after}`, { token: v.adminToken });
        expect(proof.status).toBe(200);
        expect((await (await v.call('/digest', { token: v.adminToken })).json()) as any).toMatchObject({ treeSize: 3, rootHash: signed.rootHash });
        expect(((await (await v.call('/checkpoints', { token: v.adminToken })).json()) as any).items[0].treeSize).toBe(3);
      } finally {
        await v.close();
      }
    });
  });
});

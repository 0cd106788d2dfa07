/** `ledger verify`: each way of tampering with an export is detected and the first problem named. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEd25519 } from '../src/core/ed25519.js';
import { sealEvent } from '../src/core/hash-chain.js';
import { InMemoryTreeStorage, MerkleTree, eventLeafHash } from '../src/core/merkle-tree.js';
import { SIGNATURE_TYPE, formatNote, signNoteText, verifierKeyOf, type SignerKey } from '../src/core/signed-note.js';
import type { StoredEvent } from '../src/core/stored-event.js';
import { formatCheckpoint } from '../src/core/tlog-checkpoint.js';
import { agreementStreamId } from '../src/core/stream-names.js';
import { KYMENLAAKSO_AGREEMENT_ID } from './fixtures/kymenlaakso.js';
import { ledger, writeFixtureLog } from './support/fixture-log.js';
import { tempDir } from './support/temp-dir.js';

const ORIGIN = 'ledger.example.fi/agreements';
const dir = tempDir('verify');
const logKey: SignerKey = { name: ORIGIN, type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed };
const keyFile = join(dir.path, 'log.key');
let original: StoredEvent[] = [];

/** Writes events as an export file and returns its path. */
function exportFile(name: string, events: readonly unknown[]): string {
  const file = join(dir.path, `${name}.ndjson`);
  writeFileSync(file, events.map((e) => `${typeof e === 'string' ? e : JSON.stringify(e)}\n`).join(''));
  return file;
}

/** A checkpoint note over the first `size` events' ledger tree, signed as the log signs. */
function checkpointFile(name: string, events: readonly StoredEvent[], size: number, key: SignerKey = logKey): string {
  const tree = new MerkleTree(new InMemoryTreeStorage());
  tree.append(events.slice(0, size).map((e) => eventLeafHash(e.metadata.hash as string)));
  const text = formatCheckpoint({ origin: ORIGIN, treeSize: size, rootHash: tree.root() });
  const file = join(dir.path, `${name}.checkpoint`);
  writeFileSync(file, formatNote({ text, signatures: [signNoteText(text, key)] }));
  return file;
}

function verify(file: string, ...args: string[]) {
  const run = ledger('--json', 'verify', file, ...args);
  return { status: run.status, stderr: run.stderr, answer: run.stdout === '' ? undefined : JSON.parse(run.stdout) };
}

/** The forger's copy: every field writable. */
type Editable = { -readonly [K in keyof StoredEvent]: StoredEvent[K] };
const copy = (): Editable[] => structuredClone(original);
/** Index of an event in the middle of the Kymenlaakso stream, with more of that stream after it. */
const middle = (): number => original.findIndex((e) => e.streamId === agreementStreamId(KYMENLAAKSO_AGREEMENT_ID) && e.revision === 3);

beforeAll(async () => {
  await writeFixtureLog(dir.path);
  writeFileSync(keyFile, `${verifierKeyOf(logKey)}\n`);
  const exported = ledger('--data-dir', dir.path, 'export', '--out', join(dir.path, 'original.ndjson'));
  expect(exported.status).toBe(0);
  original = readFileSync(join(dir.path, 'original.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StoredEvent);
});
afterAll(() => dir.remove());

describe('ledger verify', () => {
  it('accepts the untouched export, alone and against its signed checkpoint', () => {
    expect(new Set(original.map((e) => e.streamId)).size).toBe(2);
    expect(middle()).toBeGreaterThan(0);
    const alone = verify(exportFile('untouched', original));
    expect(alone).toMatchObject({ status: 0, answer: { valid: true, events: original.length, streams: 2, scope: 'log' } });
    expect(alone.answer.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(alone.answer.firstProblem).toBeUndefined();
    const checked = verify(exportFile('untouched', original), '--checkpoint', checkpointFile('full', original, original.length), '--key', keyFile);
    expect(checked).toMatchObject({ status: 0, answer: { valid: true, checkpoint: { treeSize: original.length, verified: true } } });
    // An export that goes on past the checkpoint extends it.
    expect(verify(exportFile('untouched', original), '--checkpoint', checkpointFile('older', original, 5), '--key', verifierKeyOf(logKey)).status).toBe(0);
  });

  it('names an event whose data lost or changed one byte', () => {
    const events = copy();
    const at = middle();
    const line = JSON.stringify(events[at]).replace('"version":1', '"version":2');
    expect(line).not.toBe(JSON.stringify(events[at]));
    const lines = events.map((e, i) => (i === at ? line : JSON.stringify(e)));
    const { status, answer } = verify(exportFile('byte', lines));
    expect(status).toBe(1);
    expect(answer.firstProblem).toEqual({
      position: original[at]!.position,
      streamId: original[at]!.streamId,
      revision: original[at]!.revision,
      eventId: original[at]!.eventId,
      reason: 'hash does not match the event content',
    });
  });

  it('names the event after a deleted one', () => {
    const at = middle();
    const events = copy().filter((_, i) => i !== at);
    const { status, answer } = verify(exportFile('deleted', events));
    expect(status).toBe(1);
    const next = original.slice(at + 1).find((e) => e.streamId === original[at]!.streamId)!;
    expect(answer.firstProblem).toMatchObject({ eventId: next.eventId, reason: `expected revision ${original[at]!.revision} of its stream, found ${next.revision}` });
  });

  it('names two swapped events, of one stream or of two', () => {
    const at = middle();
    const sameStream = copy();
    const next = sameStream.findIndex((e, i) => i > at && e.streamId === sameStream[at]!.streamId);
    [sameStream[at], sameStream[next]] = [sameStream[next]!, sameStream[at]!];
    const one = verify(exportFile('swapped-one', sameStream));
    expect(one.status).toBe(1);
    expect(one.answer.firstProblem.eventId).toBe(original[next]!.eventId);

    // Adjacent events of two streams: each chain still holds, the order of positions does not.
    const twoStreams = copy();
    const first = twoStreams.findIndex((e, i) => i > 0 && twoStreams[i + 1] !== undefined && twoStreams[i + 1]!.streamId !== e.streamId);
    [twoStreams[first], twoStreams[first + 1]] = [twoStreams[first + 1]!, twoStreams[first]!];
    const two = verify(exportFile('swapped-two', twoStreams));
    expect(two.status).toBe(1);
    expect(two.answer.firstProblem).toMatchObject({ eventId: original[first]!.eventId, reason: "its position does not come after the previous event's" });
  });

  it('names an event whose hash was changed, hashing on worker threads or on one', () => {
    const events = copy();
    const at = middle();
    events[at]!.metadata.hash = 'f'.repeat(64);
    const file = exportFile('hash', events);
    for (const threads of ['1', '3']) {
      const { status, answer } = verify(file, '--threads', threads);
      expect(status).toBe(1);
      expect(answer.firstProblem).toMatchObject({ eventId: original[at]!.eventId, revision: original[at]!.revision, reason: 'hash does not match the event content' });
    }
    expect(verify(exportFile('untouched', original), '--threads', '1')).toMatchObject({ status: 0, answer: { valid: true, events: original.length } });
    expect(ledger('verify', file, '--threads', 'many').status).toBe(2);
  });

  it('finds an inserted event with a valid-looking chain only against a checkpoint', () => {
    // The forger inserts an event, reseals the rest of its stream and renumbers the positions after it.
    const at = middle();
    const events = copy();
    const streamId = events[at]!.streamId;
    const forged: Editable = { ...structuredClone(events[at]!), eventId: '0190b5a4-0000-7000-8000-000000000001', revision: events[at]!.revision + 1 };
    const tampered = [...events.slice(0, at + 1), forged, ...events.slice(at + 1)].map((e, i) => ({ ...e, position: String(i + 1) }));
    let prevHash = '';
    let revision = -1;
    for (const event of tampered) {
      if (event.streamId !== streamId) continue;
      revision++;
      event.revision = revision;
      if (revision > 0) event.metadata = sealEvent(prevHash, { ...event, metadata: event.metadata });
      prevHash = event.metadata.hash as string;
    }
    const file = exportFile('inserted', tampered);
    expect(verify(file)).toMatchObject({ status: 0, answer: { valid: true } });
    const { status, answer } = verify(file, '--checkpoint', checkpointFile('before-insert', original, original.length), '--key', keyFile);
    expect(status).toBe(1);
    expect(answer.valid).toBe(false);
    expect(answer.checkpoint).toMatchObject({ treeSize: original.length, verified: false });
    expect(answer.firstProblem.reason).toContain('another root than the checkpoint');
  });

  it('finds a cut-off tail against a checkpoint', () => {
    const cut = exportFile('cut', copy().slice(0, -3));
    expect(verify(cut).status).toBe(0);
    const { status, answer } = verify(cut, '--checkpoint', checkpointFile('before-cut', original, original.length), '--key', keyFile);
    expect(status).toBe(1);
    expect(answer.checkpoint).toMatchObject({ treeSize: original.length, verified: false });
    expect(answer.firstProblem).toMatchObject({ eventId: original[original.length - 4]!.eventId });
    expect(answer.firstProblem.reason).toContain('cut off');
  });

  it('refuses a checkpoint signed by another key, or for another origin', () => {
    const otherKey: SignerKey = { name: ORIGIN, type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed };
    const signedByOther = checkpointFile('other-key', original, original.length, otherKey);
    const { status, answer } = verify(exportFile('untouched', original), '--checkpoint', signedByOther, '--key', keyFile);
    expect(status).toBe(1);
    expect(answer.checkpoint).toEqual({ treeSize: original.length, verified: false, reason: 'no signature by a known key' });

    const elsewhere: SignerKey = { name: 'other.example.fi/log', type: SIGNATURE_TYPE.ed25519, seed: logKey.seed };
    const refused = verify(exportFile('untouched', original), '--checkpoint', checkpointFile('other-origin', original, original.length, elsewhere), '--key', verifierKeyOf(elsewhere));
    expect(refused.status).toBe(1);
    expect(refused.answer.checkpoint.reason).toContain('is not the key\'s name');
  });

  it('refuses two checkpoints of one size with different roots', () => {
    const forked = copy();
    forked[1]!.metadata = { ...forked[1]!.metadata, hash: 'a'.repeat(64) };
    const { status, answer } = verify(
      exportFile('untouched', original),
      '--checkpoint', checkpointFile('honest', original, 6),
      '--checkpoint', checkpointFile('forked', forked, 6),
      '--key', keyFile,
    );
    expect(status).toBe(1);
    expect(answer.checkpoint).toMatchObject({ treeSize: 6, verified: false });
    expect(answer.checkpoint.reason).toContain('two checkpoints of size 6 sign different roots');
  });

  it('checks one agreement\'s export by its chain and says the ledger tree is skipped', () => {
    const agreement = ledger('--data-dir', dir.path, 'export', '--agreement', KYMENLAAKSO_AGREEMENT_ID);
    expect(agreement.status).toBe(0);
    const file = exportFile('agreement', agreement.stdout.trim().split('\n'));
    expect(verify(file)).toMatchObject({ status: 0, answer: { valid: true, scope: 'agreement', streams: 1, rootHash: null } });
    const human = ledger('verify', file);
    expect(human.stdout).toContain('ledger tree (Merkle) check is skipped');
  });

  it('exits 2 for an unreadable file or a malformed key, and 1 for a line that is no event', () => {
    expect(ledger('verify', join(dir.path, 'missing.ndjson')).status).toBe(2);
    expect(ledger('verify', exportFile('untouched', original), '--checkpoint', checkpointFile('full', original, 3), '--key', 'not-a-key').status).toBe(2);
    expect(ledger('verify', exportFile('untouched', original), '--checkpoint', checkpointFile('full', original, 3)).status).toBe(2);
    const garbage = verify(exportFile('garbage', [...original.slice(0, 2).map((e) => JSON.stringify(e)), '{"eventId": 1']));
    expect(garbage).toMatchObject({ status: 1, answer: { valid: false, firstProblem: { reason: 'line 3: the line is not JSON' } } });
  });
});

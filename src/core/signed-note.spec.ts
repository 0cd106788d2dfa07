import { generateEd25519 } from './ed25519.js';
import {
  SIGNATURE_TYPE,
  ed25519Verifier,
  formatNote,
  formatSignerKey,
  parseNote,
  parseSignerKey,
  signNoteText,
  verifierKeyOf,
  verifyNote,
  type SignerKey,
} from './signed-note.js';
import { formatCheckpoint, parseCheckpoint } from './tlog-checkpoint.js';
import { cosignCheckpoint, cosignatureTimestamp, cosignatureVerifier } from './tlog-cosignature.js';
import { formatTlogProof, parseTlogProof } from './tlog-proof.js';

const logKey: SignerKey = { name: 'ledger.example/kymenlaakso', type: SIGNATURE_TYPE.ed25519, seed: generateEd25519().seed };
const otherKey: SignerKey = { ...logKey, seed: generateEd25519().seed };
const witnessKey: SignerKey = { name: 'witness.kotka.example', type: SIGNATURE_TYPE.cosignatureV1, seed: generateEd25519().seed };

const text = formatCheckpoint({ origin: logKey.name, treeSize: 42, rootHash: Buffer.alloc(32, 7) });

describe('signed notes, checkpoints, cosignatures and proof files', () => {
  it('formats a checkpoint as C2SP writes one, and parses it back', () => {
    expect(text).toBe(`ledger.example/kymenlaakso\n42\n${Buffer.alloc(32, 7).toString('base64')}\n`);
    expect(parseCheckpoint(text)).toEqual({ origin: logKey.name, treeSize: 42, rootHash: Buffer.alloc(32, 7) });
  });

  it.each([
    ['a leading zero', 'o\n042\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n'],
    ['a short root', 'o\n42\nBwcH\n'],
    ['a missing root', 'o\n42\n'],
    ['an empty extension line', 'o\n42\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n\n'],
  ])('refuses a checkpoint with %s', (_case, body) => {
    expect(() => parseCheckpoint(body)).toThrow();
  });

  it('signs a note that verifies with the verifier key string, and not with another key of that name', () => {
    const note = formatNote({ text, signatures: [signNoteText(text, logKey)] });
    expect(note).toMatch(/^ledger\.example\/kymenlaakso\n42\n.+\n\n— ledger\.example\/kymenlaakso [A-Za-z0-9+/]{91}=\n$/);
    expect(verifyNote(note, [ed25519Verifier(verifierKeyOf(logKey))]).note.text).toBe(text);
    expect(() => verifyNote(note, [ed25519Verifier(verifierKeyOf(otherKey))])).toThrow('no signature by a known key');
  });

  it('round-trips a signer key in the note package form', () => {
    const line = formatSignerKey(logKey);
    expect(line).toMatch(/^PRIVATE\+KEY\+ledger\.example\/kymenlaakso\+[0-9a-f]{8}\+/);
    expect(parseSignerKey(line)).toEqual(logKey);
  });

  it('adds a witness cosignature that verifies with its cosignature/v1 key and carries its time', () => {
    const signed = signNoteText(text, logKey);
    const cosignature = cosignCheckpoint(text, witnessKey, 1_764_633_600);
    const note = formatNote({ text, signatures: [signed, cosignature] });
    const { verifiedBy } = verifyNote(note, [ed25519Verifier(verifierKeyOf(logKey)), cosignatureVerifier(verifierKeyOf(witnessKey))]);
    expect(verifiedBy.map((v) => v.name)).toEqual([logKey.name, witnessKey.name]);
    expect(cosignatureTimestamp(parseNote(note).signatures[1]!.signature)).toBe(1_764_633_600);
    // The same bytes over another checkpoint do not verify.
    const other = formatCheckpoint({ origin: logKey.name, treeSize: 43, rootHash: Buffer.alloc(32, 7) });
    expect(() => verifyNote(formatNote({ text: other, signatures: [cosignature] }), [cosignatureVerifier(verifierKeyOf(witnessKey))])).toThrow('does not verify');
  });

  it('refuses notes that are not well formed', () => {
    const good = formatNote({ text, signatures: [signNoteText(text, logKey)] });
    expect(() => parseNote(good.replace('— ', '- '))).toThrow();
    expect(() => parseNote(good.slice(0, -1))).toThrow();
    expect(() => parseNote(`${text}\n`)).toThrow();
    expect(() => parseNote(good.replace('42', '4\t2'))).toThrow('control');
  });

  it('writes and reads a c2sp.org/tlog-proof@v1 file', () => {
    const note = formatNote({ text, signatures: [signNoteText(text, logKey)] });
    const proof = { index: 7, proof: [Buffer.alloc(32, 1), Buffer.alloc(32, 2)], checkpoint: note };
    const file = formatTlogProof(proof);
    expect(file.startsWith(`c2sp.org/tlog-proof@v1\nindex 7\n${Buffer.alloc(32, 1).toString('base64')}\n`)).toBe(true);
    expect(file.endsWith(`\n\n${note}`)).toBe(true);
    expect(parseTlogProof(file)).toEqual(proof);
    expect(parseTlogProof(formatTlogProof({ ...proof, extra: Buffer.from('x') })).extra).toEqual(Buffer.from('x'));
    expect(() => parseTlogProof(file.replace('index 7', 'index 07'))).toThrow();
  });
});

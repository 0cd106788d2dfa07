/** The signed-note verifier against C2SP's own example: accepted as published, refused with any one byte changed. */
import { readFileSync } from 'node:fs';
import { ed25519Verifier, parseVerifierKey, verifyNote } from '../src/core/signed-note.js';

interface SignedNoteVector {
  verifierKey: string;
  text: string;
  signatureLine: string;
}

const vector = JSON.parse(readFileSync(new URL('./vectors/signed-note.json', import.meta.url), 'utf8')) as SignedNoteVector;
const note = `${vector.text}\n${vector.signatureLine}\n`;

function changedAt(text: string, at: number): string {
  const bytes = Buffer.from(text, 'utf8');
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('utf8');
}

describe('signed-note v1.0.0 example', () => {
  it('parses the verifier key: its key id is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4]', () => {
    const key = parseVerifierKey(vector.verifierKey);
    expect(key).toMatchObject({ name: 'example.com/foo', type: 1 });
    expect(key.keyId.toString('hex')).toBe('530d903a');
  });

  it('accepts the example note', () => {
    const { note: parsed, verifiedBy } = verifyNote(note, [ed25519Verifier(vector.verifierKey)]);
    expect(parsed.text).toBe(vector.text);
    expect(verifiedBy.map((v) => v.name)).toEqual(['example.com/foo']);
  });

  it('refuses the note with one byte of its text changed', () => {
    const tampered = changedAt(note, 3);
    expect(() => verifyNote(tampered, [ed25519Verifier(vector.verifierKey)])).toThrow('does not verify');
  });

  it('refuses the note with one byte of its signature changed', () => {
    const signature = Buffer.from(vector.signatureLine.split(' ')[2]!, 'base64');
    signature[20] = signature[20]! ^ 0x80;
    const tampered = `${vector.text}\n— example.com/foo ${signature.toString('base64')}\n`;
    expect(() => verifyNote(tampered, [ed25519Verifier(vector.verifierKey)])).toThrow('does not verify');
  });

  it('refuses the verifier key with one byte changed', () => {
    const [name, id, key] = vector.verifierKey.split('+') as [string, string, string];
    const bytes = Buffer.from(key, 'base64');
    bytes[5] = bytes[5]! ^ 0x01;
    expect(() => parseVerifierKey(`${name}+${id}+${bytes.toString('base64')}`)).toThrow('key id does not match');
  });
});

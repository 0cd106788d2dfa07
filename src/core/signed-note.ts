import { createHash } from 'node:crypto';
import { ed25519Sign, ed25519Verify, publicKeyOfSeed } from './ed25519.js';

/**
 * C2SP signed-note v1.0.0: a text ending in a newline, a blank line, then signature lines
 * `— <key name> base64(keyID ‖ signature)`. Keys travel as verifier key strings
 * `<name>+<hex key id>+base64(type ‖ public key)`; the key id is
 * `SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]`.
 */

/** Signature types of signed-note: plain Ed25519 (logs), and tlog-cosignature's timestamped Ed25519 (witnesses). */
export const SIGNATURE_TYPE = { ed25519: 0x01, cosignatureV1: 0x04 } as const;

export class NoteFormatError extends Error {
  override readonly name = 'NoteFormatError';
}

/** Signed notes need not accept more (the spec asks for at least 16). */
const MAX_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 ';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict standard base64 (RFC 4648 §4): anything Buffer would silently skip is refused. */
export function decodeBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (!BASE64.test(text) || text.length % 4 !== 0 || bytes.toString('base64') !== text) throw new NoteFormatError(`not canonical base64: ${JSON.stringify(text)}`);
  return bytes;
}

function hasControlCharacter(text: string, newlineAllowed: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && !(newlineAllowed && code === 0x0a)) return true;
  }
  return false;
}

/** Key names: non-empty, no Unicode space, no plus. */
export function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || hasControlCharacter(name, false)) throw new NoteFormatError(`not a key name: ${JSON.stringify(name)}`);
}

export function noteKeyId(name: string, type: number, publicKey: Uint8Array): Buffer {
  return createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, type])).update(publicKey).digest().subarray(0, 4);
}

export interface VerifierKey {
  readonly name: string;
  readonly keyId: Buffer;
  readonly type: number;
  readonly publicKey: Buffer;
}

export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  checkKeyName(name);
  return `${name}+${noteKeyId(name, type, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

/** Splits at the first `count - 1` plus signs: names and ids hold none, the base64 key may. */
function splitPlus(text: string, count: number): string[] {
  const parts = text.split('+');
  return parts.length <= count ? parts : [...parts.slice(0, count - 1), parts.slice(count - 1).join('+')];
}

/** Parses and checks a verifier key string: its key id must be the one its name, type and key give. */
export function parseVerifierKey(text: string): VerifierKey {
  const parts = splitPlus(text.trim(), 3);
  if (parts.length !== 3) throw new NoteFormatError('a verifier key is <name>+<hex key id>+<base64 key>');
  const [name, hexId, encoded] = parts as [string, string, string];
  checkKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(hexId)) throw new NoteFormatError('a verifier key id is 8 lowercase hex digits');
  const key = decodeBase64(encoded);
  if (key.length !== 33) throw new NoteFormatError('an Ed25519 verifier key holds a type byte and 32 key bytes');
  const type = key[0]!;
  if (type !== SIGNATURE_TYPE.ed25519 && type !== SIGNATURE_TYPE.cosignatureV1) throw new NoteFormatError(`unsupported signature type 0x${type.toString(16)}`);
  const publicKey = key.subarray(1);
  const keyId = noteKeyId(name, type, publicKey);
  if (keyId.toString('hex') !== hexId) throw new NoteFormatError('the verifier key id does not match its name and key');
  return { name, keyId, type, publicKey };
}

/** A signing key: the name, the signature type and the Ed25519 seed. */
export interface SignerKey {
  readonly name: string;
  readonly type: number;
  readonly seed: Buffer;
}

/** The private key string of Go's note package, `PRIVATE+KEY+<name>+<hex id>+base64(type ‖ seed)`, so keys move between tools. */
export function formatSignerKey(key: SignerKey): string {
  const id = noteKeyId(key.name, key.type, publicKeyOfSeed(key.seed)).toString('hex');
  return `PRIVATE+KEY+${key.name}+${id}+${Buffer.concat([Buffer.from([key.type]), key.seed]).toString('base64')}`;
}

export function parseSignerKey(text: string): SignerKey {
  const parts = splitPlus(text.trim(), 5);
  if (parts.length !== 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new NoteFormatError('a signer key is PRIVATE+KEY+<name>+<hex key id>+<base64 key>');
  const [, , name, hexId, encoded] = parts as [string, string, string, string, string];
  checkKeyName(name);
  const key = decodeBase64(encoded);
  if (key.length !== 33) throw new NoteFormatError('an Ed25519 signer key holds a type byte and a 32-byte seed');
  const signer = { name, type: key[0]!, seed: key.subarray(1) };
  if (noteKeyId(name, signer.type, publicKeyOfSeed(signer.seed)).toString('hex') !== hexId) throw new NoteFormatError('the signer key id does not match its name and key');
  return signer;
}

export function verifierKeyOf(key: SignerKey): string {
  return formatVerifierKey(key.name, key.type, publicKeyOfSeed(key.seed));
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  /** The bytes after the key id. */
  readonly signature: Buffer;
}

export interface Note {
  /** The signed text, with its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export function formatSignatureLine(signature: NoteSignature): string {
  checkKeyName(signature.name);
  return `${SIGNATURE_PREFIX}${signature.name} ${Buffer.concat([signature.keyId, signature.signature]).toString('base64')}\n`;
}

export function parseSignatureLine(line: string): NoteSignature {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  if (!body.startsWith(SIGNATURE_PREFIX)) throw new NoteFormatError('a signature line starts with an em dash and a space');
  const rest = body.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw new NoteFormatError('a signature line is "— <key name> <base64 signature>"');
  const name = rest.slice(0, space);
  checkKeyName(name);
  const bytes = decodeBase64(rest.slice(space + 1));
  if (bytes.length < 5) throw new NoteFormatError('a signature holds a 4-byte key id and the signature');
  return { name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
}

export function formatNote(note: Note): string {
  if (note.signatures.length === 0) throw new NoteFormatError('a signed note has at least one signature');
  checkText(note.text);
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new NoteFormatError('a note text ends with a newline');
  if (hasControlCharacter(text, true)) throw new NoteFormatError('a note holds no control characters but newlines');
  if (text.includes('\ufffd')) throw new NoteFormatError('a note is valid UTF-8');
}

/** Splits a note at its last blank line; every line after it must be a signature line. */
export function parseNote(note: string): Note {
  checkText(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('a signed note has a blank line before its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2).split('\n');
  if (lines.pop() !== '') throw new NoteFormatError('a signed note ends with a newline');
  if (lines.length === 0) throw new NoteFormatError('a signed note has at least one signature');
  if (lines.length > MAX_SIGNATURES) throw new NoteFormatError(`a signed note has at most ${MAX_SIGNATURES} signatures`);
  return { text, signatures: lines.map(parseSignatureLine) };
}

/** A note's bytes are UTF-8: a decoder that met invalid bytes leaves U+FFFD, which parseNote refuses. */
export function decodeNoteBytes(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** What checks one key's signatures: name and key id select it, `verify` checks a signature over the text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  verify(text: string, signature: Buffer): boolean;
}

/** A plain Ed25519 note verifier (type 0x01) from a verifier key string or a parsed key. */
export function ed25519Verifier(key: string | VerifierKey): NoteVerifier {
  const parsed = typeof key === 'string' ? parseVerifierKey(key) : key;
  if (parsed.type !== SIGNATURE_TYPE.ed25519) throw new NoteFormatError('not an Ed25519 note key (type 0x01)');
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    verify: (text, signature) => ed25519Verify(parsed.publicKey, Buffer.from(text, 'utf8'), signature),
  };
}

export function signNoteText(text: string, key: SignerKey): NoteSignature {
  if (key.type !== SIGNATURE_TYPE.ed25519) throw new NoteFormatError('a note is signed with an Ed25519 key (type 0x01)');
  checkText(text);
  return { name: key.name, keyId: noteKeyId(key.name, key.type, publicKeyOfSeed(key.seed)), signature: ed25519Sign(key.seed, Buffer.from(text, 'utf8')) };
}

export class NoteVerificationError extends Error {
  override readonly name = 'NoteVerificationError';
}

/**
 * Verifies a note as signed-note says: signatures from unknown keys are ignored; one by a known
 * key (same name and key id) that fails rejects the whole note; at least one known key must have
 * signed. Returns the note and the verifiers whose signatures held.
 */
export function verifyNote(note: string | Note, verifiers: readonly NoteVerifier[]): { note: Note; verifiedBy: NoteVerifier[] } {
  const parsed = typeof note === 'string' ? parseNote(note) : note;
  const verifiedBy: NoteVerifier[] = [];
  for (const signature of parsed.signatures) {
    const verifier = verifiers.find((v) => v.name === signature.name && v.keyId.equals(signature.keyId));
    if (verifier === undefined) continue;
    if (!verifier.verify(parsed.text, signature.signature)) throw new NoteVerificationError(`the signature by ${signature.name} does not verify`);
    if (!verifiedBy.includes(verifier)) verifiedBy.push(verifier);
  }
  if (verifiedBy.length === 0) throw new NoteVerificationError('no signature by a known key');
  return { note: parsed, verifiedBy };
}

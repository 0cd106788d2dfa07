import { ed25519Sign, ed25519Verify, publicKeyOfSeed } from './ed25519.js';
import {
  NoteFormatError,
  SIGNATURE_TYPE,
  noteKeyId,
  parseVerifierKey,
  type NoteSignature,
  type NoteVerifier,
  type SignerKey,
  type VerifierKey,
} from './signed-note.js';

/**
 * C2SP tlog-cosignature, Ed25519 `cosignature/v1` (signature type 0x04): a witness's signature
 * line on a checkpoint, its bytes `keyID ‖ timestamp (u64, big-endian seconds) ‖ Ed25519 signature`
 * over `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint's note text.
 */

export function cosignedMessage(checkpointText: string, timestamp: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}

/** `timestamp`: POSIX seconds, given by the caller (the core reads no clock). */
export function cosignCheckpoint(checkpointText: string, key: SignerKey, timestamp: number): NoteSignature {
  if (key.type !== SIGNATURE_TYPE.cosignatureV1) throw new NoteFormatError('a cosignature is made with a cosignature/v1 key (type 0x04)');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new NoteFormatError('a cosignature timestamp is whole seconds');
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timestamp));
  const signature = ed25519Sign(key.seed, cosignedMessage(checkpointText, timestamp));
  return { name: key.name, keyId: noteKeyId(key.name, key.type, publicKeyOfSeed(key.seed)), signature: Buffer.concat([time, signature]) };
}

/** The timestamp a cosignature carries (its signature bytes after the key id), or undefined when malformed. */
export function cosignatureTimestamp(signature: Buffer): number | undefined {
  if (signature.length !== 72) return undefined;
  const time = signature.readBigUInt64BE(0);
  return time > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(time);
}

/** A note verifier for a witness's cosignature/v1 key. */
export function cosignatureVerifier(key: string | VerifierKey): NoteVerifier {
  const parsed = typeof key === 'string' ? parseVerifierKey(key) : key;
  if (parsed.type !== SIGNATURE_TYPE.cosignatureV1) throw new NoteFormatError('not a cosignature/v1 key (type 0x04)');
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    verify: (text, signature) => {
      const timestamp = cosignatureTimestamp(signature);
      return timestamp !== undefined && ed25519Verify(parsed.publicKey, cosignedMessage(text, timestamp), signature.subarray(8));
    },
  };
}

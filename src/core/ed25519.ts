import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 with raw 32-byte keys, the form signed notes carry, over node:crypto (no I/O: the
 * dependency rule lets the core use it). node:crypto speaks DER; these fixed prefixes wrap a raw
 * key into the PKCS #8 and SPKI structures of RFC 8410.
 */

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface Ed25519KeyPair {
  /** The 32-byte seed (RFC 8032's private key). */
  readonly seed: Buffer;
  readonly publicKey: Buffer;
}

export function generateEd25519(): Ed25519KeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  return { seed: Buffer.from(seed), publicKey: publicKeyOfSeed(seed) };
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyOfSeed(seed: Uint8Array): Buffer {
  const spki = createPublicKey(privateKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return Buffer.from(spki.subarray(SPKI_PREFIX.length));
}

export function ed25519Sign(seed: Uint8Array, message: Uint8Array): Buffer {
  return sign(null, message, privateKeyObject(seed));
}

/** False for a bad signature, and also for a malformed key or signature: a verifier never throws on input. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

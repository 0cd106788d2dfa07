import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Standard Webhooks signatures over `id.timestamp.body`. `v1` is HMAC-SHA256 with a shared secret
 * (`whsec_` + base64), made by node:crypto: the `standardwebhooks` library, which receivers verify
 * with (the tests too), hashes in JavaScript, which took 6 % of
 * bench:webhooks' delivery time. `v1a` is Ed25519: the receiver holds only the public key (`whpk_` + base64 of 32 bytes);
 * the secret key is `whsk_` + base64 of the 32-byte seed followed by the public key, Svix's layout.
 */
export type SigningScheme = 'v1' | 'v1a';

export type SigningKey =
  | { readonly scheme: 'v1'; readonly secret: string }
  | { readonly scheme: 'v1a'; readonly secretKey: string; readonly publicKey: string };

export interface SignedContent {
  readonly id: string;
  /** Unix seconds, as sent in `webhook-timestamp`. */
  readonly timestamp: number;
  /** The exact body sent. */
  readonly body: string;
}

export function newSigningKey(scheme: SigningScheme): SigningKey {
  if (scheme === 'v1') return { scheme, secret: `whsec_${randomBytes(32).toString('base64')}` };
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const publicKey = Buffer.from(jwk.x!, 'base64url');
  return { scheme, secretKey: `whsk_${Buffer.concat([seed, publicKey]).toString('base64')}`, publicKey: `whpk_${publicKey.toString('base64')}` };
}

/** One signature, `v1,<base64>` or `v1a,<base64>`. */
export function signMessage(key: SigningKey, content: SignedContent): string {
  if (key.scheme === 'v1') return `v1,${createHmac('sha256', Buffer.from(withoutPrefix(key.secret, 'whsec_'), 'base64')).update(signedBytes(content)).digest('base64')}`;
  return `v1a,${sign(null, signedBytes(content), ed25519PrivateKey(key.secretKey)).toString('base64')}`;
}

/** The `webhook-signature` header: one signature per key, space-separated (both keys during a rotation). */
export function signatureHeader(keys: readonly SigningKey[], content: SignedContent): string {
  return keys.map((key) => signMessage(key, content)).join(' ');
}

/** What a receiver of `v1a` does: true when one of the header's `v1a` signatures verifies with the public key. */
export function verifyV1a(publicKey: string, content: SignedContent, header: string): boolean {
  const key = ed25519PublicKey(publicKey);
  return header.split(' ').some((versioned) => {
    const [version, signature] = versioned.split(',');
    return version === 'v1a' && signature !== undefined && verify(null, signedBytes(content), key, Buffer.from(signature, 'base64'));
  });
}

function signedBytes({ id, timestamp, body }: SignedContent): Buffer {
  return Buffer.from(`${id}.${timestamp}.${body}`, 'utf8');
}

function ed25519PrivateKey(secretKey: string): KeyObject {
  const bytes = Buffer.from(withoutPrefix(secretKey, 'whsk_'), 'base64');
  if (bytes.length !== 64) throw new Error('a v1a secret key is 64 bytes: the seed and the public key');
  const [d, x] = [bytes.subarray(0, 32), bytes.subarray(32)].map((part) => part.toString('base64url'));
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d, x }, format: 'jwk' });
}

function ed25519PublicKey(publicKey: string): KeyObject {
  const x = Buffer.from(withoutPrefix(publicKey, 'whpk_'), 'base64').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

function withoutPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

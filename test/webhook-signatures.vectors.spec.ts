/** Our webhook signatures must equal the Standard Webhooks reference vectors byte for byte, and verify with the receivers' tools. */
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { newSigningKey, signatureHeader, signMessage, verifyV1a } from '../src/webhooks/signatures.js';

interface Vectors {
  message: { id: string; timestamp: number; body: string };
  signedContent: string;
  v1: { secret: string; signature: string };
  v1a: { secretKey: string; publicKey: string; signature: string };
}

const vectors = JSON.parse(readFileSync(new URL('./vectors/webhooks.json', import.meta.url), 'utf8')) as Vectors;
const content = vectors.message;

describe('webhook signatures against the Standard Webhooks vectors', () => {
  it('signs v1 (HMAC-SHA256) exactly as the vector', () => {
    expect(signMessage({ scheme: 'v1', secret: vectors.v1.secret }, content)).toBe(vectors.v1.signature);
  });

  it('signs v1a (Ed25519) exactly as the vector, and the vector verifies with the public key', () => {
    const key = { scheme: 'v1a', secretKey: vectors.v1a.secretKey, publicKey: vectors.v1a.publicKey } as const;
    expect(signMessage(key, content)).toBe(vectors.v1a.signature);
    expect(verifyV1a(vectors.v1a.publicKey, content, vectors.v1a.signature)).toBe(true);
    expect(verifyV1a(vectors.v1a.publicKey, { ...content, body: `${content.body} ` }, vectors.v1a.signature)).toBe(false);
  });

  it('signs what the spec calls the signed content: id.timestamp.body', () => {
    expect(`${content.id}.${content.timestamp}.${content.body}`).toBe(vectors.signedContent);
  });
});

describe('new signing keys', () => {
  const now = { id: 'msg_1', timestamp: Math.floor(Date.now() / 1000), body: '{"type":"agreement.drafted"}' };

  it('a new v1 secret verifies with the standardwebhooks library, also beside another key during a rotation', () => {
    const [old, next] = [newSigningKey('v1'), newSigningKey('v1')];
    if (old.scheme !== 'v1' || next.scheme !== 'v1') throw new Error('v1 keys expected');
    expect(old.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const header = signatureHeader([old, next], now);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': now.id, 'webhook-timestamp': String(now.timestamp), 'webhook-signature': header };
    expect(new Webhook(old.secret).verify(now.body, headers)).toEqual({ type: 'agreement.drafted' });
    expect(new Webhook(next.secret).verify(now.body, headers)).toEqual({ type: 'agreement.drafted' });
    const stranger = newSigningKey('v1') as { secret: string };
    expect(() => new Webhook(stranger.secret).verify(now.body, headers)).toThrow('No matching signature found');
  });

  it('a new v1a key pair signs what its public key verifies', () => {
    const key = newSigningKey('v1a');
    if (key.scheme !== 'v1a') throw new Error('a v1a key expected');
    expect(key.publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key.secretKey.slice('whsk_'.length), 'base64').subarray(32).toString('base64')).toBe(key.publicKey.slice('whpk_'.length));
    expect(verifyV1a(key.publicKey, now, signMessage(key, now))).toBe(true);
    expect(verifyV1a((newSigningKey('v1a') as { publicKey: string }).publicKey, now, signMessage(key, now))).toBe(false);
  });
});

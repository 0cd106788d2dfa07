/**
 * The SSRF guard over real HTTP and real sockets: a subscription to a reserved address, or to a
 * name resolving to one, is refused at creation with a 422 naming the reason; at delivery the
 * guard runs again and the connection goes to the address it checked, never to a second lookup.
 */
import { sendWebhook } from '../src/webhooks/send-webhook.js';
import { newSigningKey, signMessage } from '../src/webhooks/signatures.js';
import { read } from './support/webhook-agreements.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the SSRF guard at creation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://localhost:8080/hook', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://10.0.0.8/hook', 'private'],
    ['http://100.100.1.1/hook', 'carrierGradeNat'],
    ['http://192.0.2.1/hook', 'reserved'],
    ['http://[::ffff:7f00:1]/hook', 'ipv4Mapped'],
    ['http://[fd12:3456::1]/hook', 'uniqueLocal'],
  ])('refuses %s (%s) with 422 naming the reason, and keeps nothing', async (url, range) => {
    const response = await t.call('/webhooks', { method: 'POST', token: t.adminToken, json: { url } });
    expect(response.status).toBe(422);
    const problem = await read(response);
    expect(problem).toMatchObject({ code: 'destination-refused', errors: [{ field: 'url' }] });
    expect(problem.detail).toContain(`reserved range (${range})`);
    expect((await read(t.call('/webhooks', { token: t.adminToken }))).total).toBe(0);
  });
});

describe('the SSRF guard at delivery', () => {
  let receiver: Receiver;
  const options = { timeoutMs: 2000, now: () => new Date() };
  const body = '{"type":"agreement.signed"}';
  const key = newSigningKey('v1') as { scheme: 'v1'; secret: string };
  /** Standard Webhooks headers, so the receiver accepts the message. */
  const signed = () => {
    const content = { id: `msg_${Math.random().toString(36).slice(2)}`, timestamp: Math.floor(Date.now() / 1000), body };
    return { 'webhook-id': content.id, 'webhook-timestamp': String(content.timestamp), 'webhook-signature': signMessage(key, content) };
  };
  beforeAll(async () => {
    receiver = await startReceiver();
    receiver.trust(key.secret);
  });
  afterAll(async () => receiver.close());

  it('refuses to send to a reserved address, and nothing arrives', async () => {
    const result = await sendWebhook(receiver.url, signed(), body, { ...options, allowPrivateNetworks: false });
    expect(result).toMatchObject({ statusCode: 0, error: expect.stringMatching(/^refused by the SSRF guard: 127\.0\.0\.1 is in a reserved range \(loopback\)/) });
    expect(receiver.arrivals).toEqual([]);
  });

  it('connects to the address it checked: a name is resolved once, and a second answer (rebinding) is never used', async () => {
    const answers = ['127.0.0.1', '10.9.9.9'];
    const lookups: string[] = [];
    const resolve = async (hostname: string) => {
      lookups.push(hostname);
      return [{ address: answers.shift()!, family: 4 }];
    };
    const url = receiver.url.replace('127.0.0.1', 'hooks.kotka.test');
    const result = await sendWebhook(url, signed(), body, { ...options, allowPrivateNetworks: true, resolve });
    expect(result.statusCode).toBe(204);
    expect(lookups).toEqual(['hooks.kotka.test']);
    expect(receiver.arrivals).toHaveLength(1);
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await startReceiver();
    try {
      receiver.answer(() => ({ status: 307, headers: { location: elsewhere.url } }));
      const result = await sendWebhook(receiver.url, signed(), body, { ...options, allowPrivateNetworks: true });
      expect(result.statusCode).toBe(307);
      expect(elsewhere.arrivals).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});

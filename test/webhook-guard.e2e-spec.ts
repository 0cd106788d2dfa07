/**
 * The SSRF guard over real HTTP and real sockets: a subscription to a reserved address, or to a
 * name resolving to one, is refused at creation with a 422 naming the reason; at delivery the
 * guard runs again and the connection goes to the address it checked, never to a second lookup —
 * also a kept-alive one, which is reused only for the address checked for this delivery.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebhook } from '../src/webhooks/send-webhook.js';
import { WebhookConnections } from '../src/webhooks/webhook-connections.js';
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

describe('kept connections', () => {
  /** Each request as the server saw it: the connection it came on (the client's port) and the address it reached. */
  const seen: { port: number; local: string; id: string }[] = [];
  /** How the server handles the n-th request (from 0): answer, or drop the connection unanswered. */
  let drop: (n: number) => boolean = () => false;
  let server: Server;
  let port: number;
  const connections = new WebhookConnections();
  const options = { timeoutMs: 2000, now: () => new Date(), allowPrivateNetworks: true, connections };
  const headers = (id: string) => ({ 'webhook-id': id, 'webhook-timestamp': '0', 'webhook-signature': 'v1,unchecked' });
  /** hooks.kotka.test resolving to `address`, as a name that moves does. */
  const to = (address: string) => ({ ...options, resolve: async () => [{ address, family: 4 }] });
  const url = () => `http://hooks.kotka.test:${port}/hooks`;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      seen.push({ port: request.socket.remotePort!, local: request.socket.localAddress!, id: String(request.headers['webhook-id']) });
      request.resume();
      request.on('end', () => (drop(seen.length - 1) ? request.socket.destroy() : response.writeHead(204).end()));
    });
    // Every loopback address, so one name can resolve to two of them.
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    seen.length = 0;
    drop = () => false;
    connections.close();
  });
  afterAll(async () => {
    connections.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reuses a connection to the address checked again, and opens another when the name resolves elsewhere', async () => {
    for (const [id, address] of [['msg_1', '127.0.0.1'], ['msg_2', '127.0.0.1'], ['msg_3', '127.0.0.2']] as const) {
      expect((await sendWebhook(url(), headers(id), '{}', to(address))).statusCode).toBe(204);
    }
    expect(seen.map((s) => s.local)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.2']);
    expect(seen[1]!.port).toBe(seen[0]!.port);
    expect(seen[2]!.port).not.toBe(seen[0]!.port);
  });

  it('sends again on a fresh connection when a kept one is closed as the request leaves, with the same webhook-id', async () => {
    drop = (n) => n === 1;
    expect((await sendWebhook(url(), headers('msg_1'), '{}', to('127.0.0.1'))).statusCode).toBe(204);
    const again = await sendWebhook(url(), headers('msg_2'), '{}', to('127.0.0.1'));
    expect(again).toMatchObject({ statusCode: 204 });
    expect(seen.map((s) => s.id)).toEqual(['msg_1', 'msg_2', 'msg_2']);
    expect(seen[1]!.port).toBe(seen[0]!.port);
    expect(seen[2]!.port).not.toBe(seen[1]!.port);
  });

  it('without kept connections every POST has its own', async () => {
    for (const id of ['msg_1', 'msg_2']) expect((await sendWebhook(url(), headers(id), '{}', { ...to('127.0.0.1'), connections: undefined })).statusCode).toBe(204);
    expect(seen[1]!.port).not.toBe(seen[0]!.port);
  });
});

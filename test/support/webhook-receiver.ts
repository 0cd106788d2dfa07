/**
 * A party's receiving system on 127.0.0.1, as a README reader would write it: it verifies every
 * delivery — `v1` with the standardwebhooks library, `v1a` with node:crypto alone — and answers
 * 401 to one that does not verify. Tests script its answers and read what arrived.
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Arrival {
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly body: string;
  /** Read loosely, as the e2e specs read JSON: their assertions are the type check. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly payload: { type: string; timestamp: string; data: Record<string, any> };
  /** The keys (secrets or public keys) whose signature verified. */
  readonly verifiedBy: string[];
  readonly arrivedAt: number;
}

export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Never answer: the connection is held open (a receiver that hangs). */
  readonly hold?: boolean;
}

export interface Receiver {
  readonly url: string;
  readonly arrivals: Arrival[];
  /** v1 secrets (whsec_…) and v1a public keys (whpk_…) the receiver trusts. */
  trust(...keys: string[]): void;
  /** How to answer the n-th arrival (from 0); 204 by default. */
  answer(respond: (arrival: Arrival, n: number) => Answer): void;
  /** Resolves once `count` deliveries arrived (that match `where`), failing after `timeoutMs`. */
  waitFor(count: number, where?: (arrival: Arrival) => boolean, timeoutMs?: number): Promise<Arrival[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const keys: string[] = [];
  const arrivals: Arrival[] = [];
  const held: ServerResponse[] = [];
  let respond: (arrival: Arrival, n: number) => Answer = () => ({ status: 204 });
  const waiters = new Set<() => void>();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(request.headers[name] ?? '');
      const delivery = { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature'), body };
      const arrival: Arrival = { ...delivery, payload: JSON.parse(body), verifiedBy: keys.filter((key) => verifies(key, delivery)), arrivedAt: performance.now() };
      arrivals.push(arrival);
      for (const wake of waiters) wake();
      const answer = arrival.verifiedBy.length === 0 ? { status: 401, body: 'signature does not verify' } : respond(arrival, arrivals.length - 1);
      if (answer.hold) {
        held.push(response);
        return;
      }
      response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    arrivals,
    trust: (...more) => keys.push(...more),
    answer: (next) => {
      respond = next;
    },
    waitFor(count, where = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const matching = arrivals.filter(where);
          if (matching.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} deliveries, got ${arrivals.filter(where).length}: ${arrivals.map((a) => a.payload.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Standard Webhooks verification, the way a receiver does it without our code. */
function verifies(key: string, delivery: { id: string; timestamp: string; signature: string; body: string }): boolean {
  if (key.startsWith('whsec_')) {
    try {
      new Webhook(key).verify(delivery.body, { 'webhook-id': delivery.id, 'webhook-timestamp': delivery.timestamp, 'webhook-signature': delivery.signature });
      return true;
    } catch {
      return false;
    }
  }
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.slice('whpk_'.length), 'base64').toString('base64url') }, format: 'jwk' });
  const signed = Buffer.from(`${delivery.id}.${delivery.timestamp}.${delivery.body}`, 'utf8');
  return delivery.signature
    .split(' ')
    .some((versioned) => versioned.startsWith('v1a,') && verify(null, signed, publicKey, Buffer.from(versioned.slice(4), 'base64')));
}

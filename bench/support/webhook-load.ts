/**
 * bench:webhooks' two measurements, each beside bare HTTP POSTs to the same loopback receivers:
 *
 *   latency — one command at a time; from the command's 201 to the receiver's arrival of its
 *             message, against a bare POST of the same body from send to arrival;
 *   throughput — a backlog of messages to many subscriptions, written with the delivery worker
 *             stopped, then delivered; against the same number of bare POSTs with the same
 *             concurrency (one in flight per subscription).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type Database from 'better-sqlite3';
import { createApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/ledger-config.js';
import { openStateDatabase } from '../../src/state/state-database.js';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.js';

const KOTKA = { partyId: '0161999-9', name: 'Kotkan kaupunki', kind: 'municipality', competentBody: 'Kotkan kaupunginvaltuusto' };
const HAMINA = { partyId: '0170906-2', name: 'Haminan kaupunki', kind: 'municipality', competentBody: 'Haminan kaupunginvaltuusto' };

/** A loopback receiver that answers 204 and tells who waits for an arrival. */
export interface LoopbackReceiver {
  readonly url: string;
  arrivals: number;
  /** Called with each arrival's body and the moment it arrived. */
  onArrival?: (body: string, at: number) => void;
  close(): Promise<void>;
}

export async function startLoopbackReceiver(): Promise<LoopbackReceiver> {
  const receiver: LoopbackReceiver = { url: '', arrivals: 0, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const at = performance.now();
      receiver.arrivals++;
      receiver.onArrival?.(body, at);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  });
}

/** The whole server in this process, on a fresh data directory, webhooks allowed to loopback. */
export class BenchServer {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly api: string,
    readonly token: string,
    private readonly state: Database.Database,
  ) {}

  static async start(dataDir: string): Promise<BenchServer> {
    const announcements: string[] = [];
    const config = loadConfig({ LEDGER_DATA_DIR: dataDir, PORT: '0', LEDGER_RATE_LIMIT: '0', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    const app = await createApp(config, { logger: ['error'], announce: (message) => announcements.push(message) });
    await app.listen(0, '127.0.0.1');
    const token = /(ldg_[A-Za-z0-9_-]{43})/.exec(announcements.join('\n'))?.[1];
    if (token === undefined) throw new Error('no first admin token');
    return new BenchServer(app, `${await app.getUrl()}/api`, token, openStateDatabase(dataDir));
  }

  async post(path: string, json: unknown): Promise<{ eventId: string; position: string }> {
    const response = await fetch(`${this.api}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { eventId: string; position: string };
  }

  async draft(agreementId: string): Promise<void> {
    await this.post('/agreements', {
      agreementId,
      title: 'Kotkan ja Haminan yhteistyösopimus',
      region: 'Kymenlaakso',
      kind: 'strategic-cooperation',
      parties: [KOTKA, HAMINA],
      document: { title: 'Yhteistyösopimus', sha256: 'ab'.repeat(32) },
      annexes: [],
    });
  }

  /** A procedural decision: one event, one message per subscription. */
  noted(agreementId: string, section: string): Promise<{ eventId: string; position: string }> {
    return this.post(`/agreements/${agreementId}/decisions`, {
      partyId: KOTKA.partyId,
      body: KOTKA.competentBody,
      outcome: 'noted',
      version: 1,
      decidedOn: '2024-02-01',
      meeting: { section },
    });
  }

  subscribe(url: string, agreementId: string): Promise<unknown> {
    return this.post('/webhooks', { url, agreementId });
  }

  messages(): number {
    return (this.state.prepare('SELECT count(*) AS n FROM webhook_messages').get() as { n: number }).n;
  }

  get worker(): DeliveryWorker {
    return this.app.get(DeliveryWorker);
  }

  async close(): Promise<void> {
    this.state.close();
    await this.app.close();
  }
}

/** A bare POST of `body` to `url` (fetch, as a caller without any webhook machinery would send it). */
export async function barePost(url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.arrayBuffer();
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Resolves when `done()` holds, checking after each arrival-driven tick. */
export async function until(done: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for deliveries');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

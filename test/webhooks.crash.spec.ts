/**
 * The server killed with SIGKILL between an append and its webhook's delivery: after a restart
 * every message is delivered, and none twice as a new message (a retry keeps its webhook-id).
 * The receiver holds every delivery open until the kill, so none is acknowledged before it; the
 * kill comes right after the last command's answer, before or after the dispatcher wrote its
 * outbox — both must end the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startReceiver } from './support/webhook-receiver.js';
import { approveAndSign, command, draftBody, newAgreementId, type Client, read } from './support/webhook-agreements.js';
import { tempDir } from './support/temp-dir.js';

const MAIN = 'dist/src/main.js';
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 2);

interface Server extends Client {
  readonly child: ChildProcess;
  readonly exited: Promise<NodeJS.Signals | null>;
}

async function startServer(dataDir: string, adminToken?: string): Promise<Server> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, LEDGER_DATA_DIR: dataDir, PORT: '0', LEDGER_RATE_LIMIT: '0', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  let output = '';
  const api = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+\/api)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`the server exited: ${output}`)));
  });
  const token = adminToken ?? /(ldg_[A-Za-z0-9_-]{43})/.exec(output)?.[1];
  if (token === undefined) throw new Error(`no admin token in: ${output}`);
  return {
    child,
    exited,
    adminToken: token,
    call: (path, init = {}) => {
      const { token: bearer, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (bearer) headers.set('authorization', `Bearer ${bearer}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${api}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
  };
}

describe('webhooks under kill -9', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" (npm test does)`);
  });

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i: every message is delivered after the restart, each once as a new message', async () => {
    const dir = tempDir('webhook-crash');
    const receiver = await startReceiver();
    let second: Server | undefined;
    try {
      receiver.answer(() => ({ status: 200, hold: true }));
      const first = await startServer(dir.path);
      const agreementId = newAgreementId('kaatuminen');
      await command(first, '/agreements', draftBody(agreementId));
      const created = await read(first.call('/webhooks', { method: 'POST', token: first.adminToken, json: { url: receiver.url, agreementId } }));
      receiver.trust(created.secret);
      await approveAndSign(first, agreementId);
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      expect(receiver.arrivals.every((a) => a.verifiedBy.length === 1)).toBe(true);

      receiver.answer(() => ({ status: 204 }));
      second = await startServer(dir.path, first.adminToken);
      const expected = ['decision.recorded', 'agreement.signed', 'decision.recorded', 'agreement.signed', 'agreement.entered_into_force'];
      await waitUntil(async () => {
        const { items } = await read(second!.call(`/webhooks/${created.id}/deliveries`, { token: second!.adminToken }));
        return items.length === expected.length && items.every((d: { status: string }) => d.status === 'delivered');
      });
      const { items } = await read(second.call(`/webhooks/${created.id}/deliveries`, { token: second.adminToken }));
      expect(items.map((d: { eventType: string }) => d.eventType)).toEqual(expected);
      // Every message arrived verified; each webhook-id stands for one message: retries of a held one reuse it.
      const arrivedIds = new Set(receiver.arrivals.map((a) => a.id));
      expect([...arrivedIds].sort()).toEqual(items.map((d: { deliveryId: string }) => d.deliveryId).sort());
      const byId = new Map(receiver.arrivals.map((a) => [a.id, a.body]));
      for (const arrival of receiver.arrivals) {
        expect(arrival.verifiedBy).toEqual([created.secret]);
        expect(arrival.body).toBe(byId.get(arrival.id));
      }
    } finally {
      second?.child.kill('SIGTERM');
      await second?.exited;
      await receiver.close();
      dir.remove();
    }
    // Two server starts and a restart's redelivery: on a loaded machine that outlasts jest's default.
  }, 120_000);
});

async function waitUntil(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

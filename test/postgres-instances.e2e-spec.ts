/**
 * Two server instances on one PostgreSQL database, each with a data directory of its own: the
 * first admin token is made once for both, a token made through one works on the other and,
 * revoked through that one, is refused by the first at its next request, and an Idempotency-Key
 * used through one replays through the other. `ledger token` works on the same tokens. A webhook
 * made through one is managed through the other and, while both run, each message is sent once;
 * two server processes: the one holding the webhooks lease killed with SIGKILL, the other takes
 * over and every message arrives, none as a second message.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { keskiSuomi2023Commands } from './fixtures/keski-suomi.js';
import { toHttpRequest } from './support/command-requests.js';
import { startPostgresInstance, type PostgresInstance } from './support/postgres-instance.js';
import { freshPostgresDatabase, POSTGRES_URL, skippedWithoutPostgres, type PostgresDatabase } from './support/postgres-database.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { tempDir } from './support/temp-dir.js';
import { approveAndSign, command, draftBody, HAMINA, KOTKA, newAgreementId, read, type Client } from './support/webhook-agreements.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';

/** What a subscription on one agreement is sent as both councils approve and both towns sign. */
const AGREEMENT_MESSAGES = ['decision.recorded', 'agreement.signed', 'decision.recorded', 'agreement.signed', 'agreement.entered_into_force'];

/** The `ledger` command on the PostgreSQL store; resolves with its output once it exits 0. */
function ledger(databaseUrl: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/ledger.js', ...args], {
      env: { ...process.env, LEDGER_STORE: 'postgres', LEDGER_POSTGRES_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`ledger ${args.join(' ')} exited with ${code}: ${output}`))));
  });
}

/** Commands sent through each client in turn. */
function alternating(...clients: Client[]): Client {
  let next = 0;
  return { adminToken: clients[0]!.adminToken, call: (path, init) => clients[next++ % clients.length]!.call(path, init) };
}

function client(api: string, adminToken: string): Client {
  return {
    adminToken,
    call: (path, init = {}) => {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${api}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
  };
}

interface DeliveryView {
  deliveryId: string;
  eventType: string;
  status: string;
  attempts: unknown[];
}

/** The subscription's deliveries once `count` of them are delivered. */
async function waitForDelivered(through: Client, webhookId: string, count: number, timeoutMs = 30_000): Promise<DeliveryView[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { items } = (await read(through.call(`/webhooks/${webhookId}/deliveries`, { token: through.adminToken }))) as { items: DeliveryView[] };
    if (items.length === count && items.every((d) => d.status === 'delivered')) return items;
    if (Date.now() > until) throw new Error(`expected ${count} delivered messages, got ${JSON.stringify(items.map((d) => [d.eventType, d.status]))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The pid of the server holding a lease, read from the lease row (`host/pid/random`). */
async function leaseHolderPid(databaseUrl: string, lease: string, timeoutMs = 15_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query<{ holder: string }>('SELECT holder FROM ledger_leases WHERE name = $1 AND expires_at > now()', [lease]);
      if (rows[0] !== undefined) return Number(rows[0].holder.split('/')[1]);
      if (Date.now() > until) throw new Error(`no instance holds the ${lease} lease`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.end();
  }
}

const SKIPPED = skippedWithoutPostgres('PostgreSQL: shared tokens and idempotency keys across instances');

if (POSTGRES_URL !== undefined) {
  describe('two instances on one PostgreSQL store', () => {
    let database: PostgresDatabase;
    let a: PostgresInstance;
    let b: PostgresInstance;
    let admin: string;

    beforeAll(async () => {
      database = await freshPostgresDatabase('instances');
      // The webhooks' receiver listens on loopback.
      const start = () => startPostgresInstance(database, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
      [a, b] = await Promise.all([start(), start()]);
      const tokens = [...a.announcements, ...b.announcements].flatMap((m) => [...m.matchAll(/ldg_[A-Za-z0-9_-]{43}/g)].map((match) => match[0]));
      expect(tokens).toHaveLength(1);
      admin = tokens[0]!;
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await database?.drop();
    });

    it('made the first admin token once, whichever instance started first, and it works on both', async () => {
      expect((await a.call('/me', { token: admin })).status).toBe(200);
      expect((await b.call('/me', { token: admin })).status).toBe(200);
    });

    it('a token made through A works on B; revoked through B, A refuses it at its next request', async () => {
      const created = await a.call('/tokens', { method: 'POST', token: admin, json: { role: 'auditor', name: 'Tilintarkastaja' } });
      expect(created.status).toBe(201);
      const { id, token } = (await created.json()) as { id: string; token: string };
      expect((await b.call('/me', { token })).status).toBe(200);
      expect((await b.call(`/tokens/${id}`, { method: 'DELETE', token: admin })).status).toBe(204);
      expect((await a.call('/me', { token })).status).toBe(401);
    });

    it('`ledger token create` and `revoke` with LEDGER_STORE=postgres act on the tokens both instances use', async () => {
      const created = JSON.parse(await ledger(database.url, 'token', 'create', '--role', 'clerk', '--party', '0161999-9', '--name', 'Kotkan kirjaamo', '--json')) as {
        id: string;
        token: string;
      };
      expect((await a.call('/me', { token: created.token })).status).toBe(200);
      await ledger(database.url, 'token', 'revoke', created.id);
      expect((await b.call('/me', { token: created.token })).status).toBe(401);
    });

    it('an Idempotency-Key used through A replays through B, and the log holds the command once', async () => {
      const { path, body } = toHttpRequest(keskiSuomi2023Commands()[0]!);
      const headers = { 'idempotency-key': 'draft-keski-suomi-2023' };
      const first = await a.call(path, { method: 'POST', token: admin, json: body, headers });
      expect(first.status).toBe(201);
      const again = await b.call(path, { method: 'POST', token: admin, json: body, headers });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const answer = (await first.json()) as { agreementId: string; position: string };
      expect(await again.json()).toEqual(answer);
      const events = (await (await b.call(`/agreements/${answer.agreementId}/events?minPosition=${answer.position}`, { token: admin })).json()) as unknown[];
      expect(events).toHaveLength(1);
    });

    it('a webhook made through A is listed, rotated and deleted through B', async () => {
      const created = await read(a.call('/webhooks', { method: 'POST', token: admin, json: { url: 'http://127.0.0.1:9/hooks', description: 'Kotkan asianhallinta' } }));
      const listed = await read(b.call('/webhooks', { token: admin }));
      expect(listed.items.map((w: { id: string }) => w.id)).toContain(created.id);
      const rotated = await b.call(`/webhooks/${created.id}/rotate`, { method: 'POST', token: admin });
      expect(rotated.status).toBe(200);
      const { secret } = (await rotated.json()) as { secret: string };
      expect(secret).not.toBe(created.secret);
      expect((await read(a.call(`/webhooks/${created.id}`, { token: admin }))).previousKeyValidUntil).toEqual(expect.any(String));
      expect((await b.call(`/webhooks/${created.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
      expect((await a.call(`/webhooks/${created.id}`, { token: admin })).status).toBe(404);
    });

    it('a webhook made through A is sent each message once while both instances run, commands alternating between them', async () => {
      const receiver = await startReceiver();
      try {
        const [viaA, viaB]: Client[] = [a, b].map((instance) => ({ call: instance.call, adminToken: admin }));
        const agreementId = newAgreementId('kaksi-instanssia');
        await command(viaA!, '/agreements', draftBody(agreementId));
        const created = await read(a.call('/webhooks', { method: 'POST', token: admin, json: { url: receiver.url, agreementId } }));
        receiver.trust(created.secret);
        await approveAndSign(alternating(viaA!, viaB!), agreementId);
        await receiver.waitFor(AGREEMENT_MESSAGES.length);
        const deliveries = await waitForDelivered(viaB!, created.id, AGREEMENT_MESSAGES.length);
        expect(deliveries.map((d) => d.eventType)).toEqual(AGREEMENT_MESSAGES);
        expect(deliveries.every((d) => d.attempts.length === 1)).toBe(true);
        expect(receiver.arrivals.map((arrival) => arrival.id).sort()).toEqual(deliveries.map((d) => d.deliveryId).sort());
      } finally {
        await receiver.close();
      }
    });

    it('both instances serve the same checkpoint, signed once for its size with the key of LEDGER_SIGNING_KEY_FILE', async () => {
      const { path, body } = toHttpRequest(keskiSuomi2023Commands()[1]!);
      const recorded = await b.call(path, { method: 'POST', token: admin, json: body });
      expect(recorded.status).toBe(201);
      const { position } = (await recorded.json()) as { position: string };
      const [fromA, fromB] = await Promise.all([a, b].map(async (instance) => (await instance.call(`/checkpoint?minPosition=${position}`, { token: admin })).text()));
      expect(fromA).toBe(fromB);
      const keys = await read(a.call('/keys', { token: admin }));
      expect(await read(b.call('/keys', { token: admin }))).toEqual(keys);
      expect(fromA).toContain(`— ${keys.keys[0].verifierKey.split('+')[0]} `);
      const signed = new pg.Client({ connectionString: database.url });
      await signed.connect();
      try {
        const { rows } = await signed.query<{ sizes: string; checkpoints: string }>('SELECT count(DISTINCT tree_size) AS sizes, count(*) AS checkpoints FROM ledger_checkpoints');
        expect(rows[0]!.checkpoints).toBe(rows[0]!.sizes);
      } finally {
        await signed.end();
      }
      // Rotation would leave the instances with different keys: it happens in the file.
      expect((await a.call('/keys/rotation', { method: 'POST', token: admin })).status).toBe(409);
    });
  });

  describe('two server processes on one PostgreSQL store, the webhooks lease holder killed', () => {
    let database: PostgresDatabase;
    const servers: ServerProcess[] = [];
    const dirs: ReturnType<typeof tempDir>[] = [];
    let receiver: Receiver;

    const start = () => {
      const dir = tempDir('instance-process');
      dirs.push(dir);
      const server = startServerProcess({
        LEDGER_DATA_DIR: dir.path,
        PORT: '0',
        LEDGER_RATE_LIMIT: '0',
        LEDGER_STORE: 'postgres',
        LEDGER_POSTGRES_URL: database.url,
        LEDGER_SIGNING_KEY_FILE: database.keyFile,
        LEDGER_LEASE_SECONDS: '2',
        LEDGER_CHECKPOINT_INTERVAL: '0',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_SCHEDULE: '1s',
      });
      servers.push(server);
      return server;
    };

    beforeAll(async () => {
      database = await freshPostgresDatabase('instance_processes');
      receiver = await startReceiver();
    });
    afterAll(async () => {
      for (const server of servers) server.kill('SIGKILL');
      await Promise.all(servers.map((server) => server.exited));
      await receiver?.close();
      dirs.forEach((dir) => dir.remove());
      await database?.drop();
    });

    it('the other instance takes over webhooks and signing within the lease and sends every message, none as a second message', async () => {
      const first = start();
      const firstApi = await first.url;
      const second = start();
      const secondApi = await second.url;
      const admin = first.token();
      const clients = new Map([first, second].map((server, i) => [server.pid, client([firstApi, secondApi][i]!, admin)]));
      const agreementId = newAgreementId('kaatuva-instanssi');
      await command(clients.get(first.pid)!, '/agreements', draftBody(agreementId));
      const created = await read(clients.get(second.pid)!.call('/webhooks', { method: 'POST', token: admin, json: { url: receiver.url, agreementId } }));
      receiver.trust(created.secret);
      // Every delivery is held open until the kill: none is acknowledged by the receiver before it.
      receiver.answer(() => ({ status: 200, hold: true }));

      const holderPid = await leaseHolderPid(database.url, 'webhooks');
      const holder = [first, second].find((server) => server.pid === holderPid)!;
      const survivor = [first, second].find((server) => server.pid !== holderPid)!;
      const [kotka, hamina] = [KOTKA, HAMINA].map((party) => ({
        decision: { partyId: party.partyId, body: party.competentBody, outcome: 'approved', version: 1, decidedOn: '2024-01-10', meeting: { section: '§ 12' } },
        signature: { partyId: party.partyId, version: 1, signatory: { name: `${party.name} johtaja`, title: 'kaupunginjohtaja' }, signedOn: '2024-01-10', method: 'electronic' },
      }));
      await command(clients.get(holder.pid)!, `/agreements/${agreementId}/decisions`, kotka!.decision);
      await receiver.waitFor(1);
      holder.kill('SIGKILL');
      expect(await holder.exited).toBe('SIGKILL');

      receiver.answer(() => ({ status: 204 }));
      const rest = clients.get(survivor.pid)!;
      await command(rest, `/agreements/${agreementId}/signatures`, kotka!.signature);
      await command(rest, `/agreements/${agreementId}/decisions`, hamina!.decision);
      const last = await command(rest, `/agreements/${agreementId}/signatures`, hamina!.signature);
      const deliveries = await waitForDelivered(rest, created.id, AGREEMENT_MESSAGES.length);
      expect(deliveries.map((d) => d.eventType)).toEqual(AGREEMENT_MESSAGES);
      expect(await leaseHolderPid(database.url, 'webhooks')).toBe(survivor.pid);
      // Signing went on too: the survivor holds the checkpoints lease and signs what it was sent.
      expect((await rest.call(`/checkpoint?minPosition=${last.position}`, { token: admin })).status).toBe(200);
      expect(await leaseHolderPid(database.url, 'checkpoints')).toBe(survivor.pid);
      // Each message kept one webhook-id: the held one was sent again under its id, nothing under a new one.
      const arrivedIds = new Set(receiver.arrivals.map((arrival) => arrival.id));
      expect([...arrivedIds].sort()).toEqual(deliveries.map((d) => d.deliveryId).sort());
      const bodyOf = new Map(receiver.arrivals.map((arrival) => [arrival.id, arrival.body]));
      for (const arrival of receiver.arrivals) {
        expect(arrival.verifiedBy).toEqual([created.secret]);
        expect(arrival.body).toBe(bodyOf.get(arrival.id));
      }
    });
  });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('shares tokens and idempotency keys between instances', () => undefined);
  });
}

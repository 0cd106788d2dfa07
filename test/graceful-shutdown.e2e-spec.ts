/**
 * SIGTERM under load, on the real server process: requests in flight are finished, nothing is cut
 * before the listener closes, every acknowledged command is in the log, and the read models stop at
 * the log's head.
 */
import { Agent, request } from 'node:http';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ReadModelStore } from '../src/read-models/read-model-store.js';
import { SERVER_MAIN, startServerProcess } from './support/server-process.js';
import { tempDir } from './support/temp-dir.js';

const KOTKA = '0161999-9';
const HAMINA = '0170906-2';
const CLIENTS = 16;
/** Answers before the signal, so the server is busy when it comes. */
const ANSWERS_BEFORE_SIGTERM = 120;

interface Outcome {
  readonly section: string | null;
  readonly sentBeforeSigterm: boolean;
  readonly answeredAfterSigterm: boolean;
  readonly status?: number;
  readonly error?: { code: string; reusedSocket: boolean };
}

function send(agent: Agent, url: URL, token: string, method: string, body?: unknown): Promise<{ status: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, reusedSocket: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('SIGTERM under load', () => {
  beforeAll(() => {
    if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run "npm run build" (npm test does)`);
  });

  it('finishes requests in flight, cuts none before the listener closes, and keeps every acknowledged command', async () => {
    const dir = tempDir('shutdown');
    const server = startServerProcess({ LEDGER_DATA_DIR: dir.path, PORT: '0', LEDGER_RATE_LIMIT: '0', LEDGER_SHUTDOWN_TIMEOUT: '60' });
    try {
      const api = await server.url;
      const token = server.token();
      const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
      const drafted = await send(agent, new URL(`${api}/agreements`), token, 'POST', {
        agreementId: 'shutdown-load',
        title: 'Kuormitettu sopimus',
        region: 'Kymenlaakso',
        kind: 'strategic-cooperation',
        parties: [
          { partyId: KOTKA, name: 'Kotkan kaupunki', kind: 'municipality', competentBody: 'Kotkan kaupunginvaltuusto' },
          { partyId: HAMINA, name: 'Haminan kaupunki', kind: 'municipality', competentBody: 'Haminan kaupunginvaltuusto' },
        ],
        document: { title: 'Sopimus', sha256: 'ab'.repeat(32) },
        annexes: [],
      });
      expect(drafted.status).toBe(201);

      const outcomes: Outcome[] = [];
      let sigtermSent = false;
      let answered = 0;
      let next = 0;
      let signalled!: () => void;
      const sigterm = new Promise<void>((resolve) => (signalled = resolve));
      const client = async (): Promise<void> => {
        for (;;) {
          const n = next++;
          // Commands and queries alike: a query in flight must not find the read models closed.
          const section = n % 3 === 2 ? null : `§ ${n}`;
          const sentBeforeSigterm = !sigtermSent;
          try {
            const { status } = section
              ? await send(agent, new URL(`${api}/agreements/shutdown-load/decisions`), token, 'POST', {
                  partyId: n % 2 ? KOTKA : HAMINA,
                  body: n % 2 ? 'Kotkan kaupunginvaltuusto' : 'Haminan kaupunginvaltuusto',
                  outcome: 'noted',
                  version: 1,
                  decidedOn: '2023-10-09',
                  meeting: { section },
                })
              : await send(agent, new URL(`${api}/agreements/shutdown-load/status`), token, 'GET');
            outcomes.push({ section, sentBeforeSigterm, answeredAfterSigterm: sigtermSent, status });
            if (++answered === ANSWERS_BEFORE_SIGTERM) signalled();
          } catch (error) {
            const { code, reusedSocket } = error as NodeJS.ErrnoException & { reusedSocket: boolean };
            outcomes.push({ section, sentBeforeSigterm, answeredAfterSigterm: sigtermSent, error: { code: code ?? String(error), reusedSocket } });
            // Refused: the listener is closed, and this client's work is done.
            if (code === 'ECONNREFUSED') return;
          }
        }
      };
      const clients = Array.from({ length: CLIENTS }, client);
      await sigterm;
      sigtermSent = true;
      server.kill('SIGTERM');
      await Promise.all(clients);
      agent.destroy();
      expect(await server.exited).toBe('SIGTERM');

      // Nothing sent before the signal was cut or refused; what was in flight got its answer.
      const beforeSignal = outcomes.filter((o) => o.sentBeforeSigterm);
      const cutBeforeClose = beforeSignal.filter((o) => o.error && !(o.error.code === 'ECONNRESET' && o.error.reusedSocket));
      expect(cutBeforeClose).toEqual([]);
      expect(beforeSignal.filter((o) => o.answeredAfterSigterm && o.status === 201).length).toBeGreaterThan(0);
      // Every answer is a success, or 503 for a request that came on an open connection while closing.
      expect(outcomes.filter((o) => o.status !== undefined && ![200, 201, 503].includes(o.status))).toEqual([]);
      // Connection errors: refused by the closed listener, or an idle keep-alive connection the
      // server closed as the request was written (HTTP's own race; Node flags it as reusedSocket).
      expect(outcomes.filter((o) => o.error && o.error.code !== 'ECONNREFUSED' && !(o.error.code === 'ECONNRESET' && o.error.reusedSocket))).toEqual([]);

      const db = new Database(`${dir.path}/ledger.sqlite`, { readonly: true });
      const logged = new Set(
        (db.prepare(`SELECT json_extract(data, '$.meeting.section') AS section FROM events WHERE type = 'DecisionRecorded'`).all() as Array<{ section: string }>).map((r) => r.section),
      );
      const head = String((db.prepare('SELECT max(position) AS head FROM events').get() as { head: number }).head);
      db.close();
      const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.section!);
      expect(acknowledged.length).toBeGreaterThan(ANSWERS_BEFORE_SIGTERM / 2);
      expect(acknowledged.filter((section) => !logged.has(section))).toEqual([]);
      // A request cut off never ran: nothing it would have written is in the log.
      expect(outcomes.filter((o) => o.error && o.section && logged.has(o.section))).toEqual([]);

      // The consumers stopped at a committed checkpoint: the read models reflect the whole log.
      const readModels = new ReadModelStore(dir.path);
      expect(readModels.checkpoint()).toBe(head);
      readModels.close();
      const order = ['shutting down', 'HTTP closed', '"stopped"'].map((line) => server.output().indexOf(line));
      expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    } finally {
      server.kill('SIGKILL');
      await server.exited;
      dir.remove();
    }
  });
});

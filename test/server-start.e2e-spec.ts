/**
 * `npm start` as a user runs it: the built server as its own process (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tempDir } from './support/temp-dir.js';

const MAIN = 'dist/src/main.js';
const SHA = 'ab'.repeat(32);
const party = (partyId: string, name: string, competentBody: string, otherBodies: string[]) => ({ partyId, name, kind: 'municipality', competentBody, otherBodies });
/** One POST on each command path, as a client would send them to a fresh server; a body may name the event the one before appended. */
const COMMANDS: Array<[string, unknown | ((previousEventId: string) => unknown)]> = [
  [
    '/agreements',
    {
      agreementId: 'kymenlaakso-2023',
      title: 'Kymenlaakson hyvinvointialueen ja Kymenlaakson kuntien strateginen yhteistyösopimus',
      region: 'Kymenlaakso',
      kind: 'strategic-cooperation',
      parties: [
        party('0161999-9', 'Kotkan kaupunki', 'Kotkan kaupunginvaltuusto', ['Kotkan kaupunginhallitus']),
        party('0170906-2', 'Haminan kaupunki', 'Haminan kaupunginvaltuusto', ['Haminan kaupunginhallitus']),
      ],
      document: { title: 'Strateginen yhteistyösopimus', sha256: SHA },
      annexes: [],
    },
  ],
  ['/agreements/kymenlaakso-2023/decisions', { partyId: '0170906-2', body: 'Haminan kaupunginhallitus', outcome: 'proposed', version: 1, decidedOn: '2023-10-09', meeting: { section: '§ 160', diaryNumber: '626/00.04.01/2023' } }],
  ['/agreements/kymenlaakso-2023/decisions', { partyId: '0161999-9', body: 'Kotkan kaupunginvaltuusto', outcome: 'approved', version: 1, decidedOn: '2023-10-16', meeting: { section: '§ 87' } }],
  ['/agreements/kymenlaakso-2023/annulments', (decisionId: string) => ({ decisionId, annulledOn: '2023-12-01', authority: 'Itä-Suomen hallinto-oikeus', reason: 'Esteellisyys' })],
  ['/agreements/kymenlaakso-2023/signatures', { partyId: '0170906-2', version: 1, signatory: { name: 'Matti Meikäläinen', title: 'kaupunginjohtaja' }, signedOn: '2023-11-27', method: 'handwritten' }],
  ['/agreements/kymenlaakso-2023/amendments', { basedOn: 1, summary: 'Asiakirja tarkistettu', changes: [{ op: 'revise-document', sha256: 'cd'.repeat(32) }] }],
  ['/agreements/kymenlaakso-2023/termination', { effectiveOn: '2030-12-31', reason: 'Korvataan uudella sopimuksella' }],
];

interface Server {
  url: Promise<string>;
  output(): string;
  stop(): Promise<string>;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let how = '';
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code, signal) => {
      how = signal ?? `exit ${code}`;
      resolve(code);
    }),
  );
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+\/api)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  url.catch(() => undefined);
  return {
    url,
    exited,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      return how;
    },
  };
}

describe('the server process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" (npm test does)`);
  });

  it('starts on the embedded store, prints where it listens and the first admin token once, serves /api/health', async () => {
    const dir = tempDir('start');
    try {
      const first = start({ LEDGER_DATA_DIR: dir.path, PORT: '0' });
      const api = await first.url;
      expect((await fetch(`${api}/health`)).status).toBe(200);
      expect(existsSync(`${dir.path}/ledger.sqlite`)).toBe(true);
      const token = /(ldg_[A-Za-z0-9_-]{43})/.exec(first.output())?.[1];
      expect(token).toBeDefined();
      expect(first.output()).toContain('npx ledger token create');

      // Use it, and present some bad credentials; none of it may reach the output.
      expect((await fetch(`${api}/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      const statuses: number[] = [];
      let previousEventId = '';
      for (const [path, body] of COMMANDS) {
        const res = await fetch(`${api}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(typeof body === 'function' ? body(previousEventId) : body),
        });
        statuses.push(res.status);
        previousEventId = ((await res.json()) as { eventId?: string }).eventId ?? '';
      }
      expect(statuses).toEqual(COMMANDS.map(() => 201));
      const wrong = `ldg_${'Z'.repeat(43)}`;
      expect((await fetch(`${api}/me`, { headers: { authorization: `Bearer ${wrong}` } })).status).toBe(401);
      expect((await fetch(`${api}/me`, { headers: { authorization: 'Bearer not.a.jwt' } })).status).toBe(401);
      // Nest closes the app on SIGTERM, then re-raises the signal.
      expect(await first.stop()).toBe('SIGTERM');
      expect(first.output().split(token!).length - 1).toBe(1);
      expect(first.output()).not.toContain(wrong);
      expect(first.output()).not.toContain('not.a.jwt');

      // A restart on the same data never prints a token again, and the first one still works.
      const second = start({ LEDGER_DATA_DIR: dir.path, PORT: '0' });
      const api2 = await second.url;
      expect((await fetch(`${api2}/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      await second.stop();
      expect(second.output()).not.toMatch(/ldg_/);
    } finally {
      dir.remove();
    }
  });

  it('stops on bad configuration with a message naming the variable', async () => {
    const server = start({ PORT: 'eighty' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('PORT must be an integer number (got "eighty")');
  });
});

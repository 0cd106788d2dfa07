/**
 * What the framework answers by itself (an unknown route, a body too large, a URL too long, a media
 * type nobody parses, malformed JSON, a request Node's HTTP parser refuses, a CORS preflight) is,
 * over real HTTP, an RFC 9457 problem document with the security headers and X-Request-Id of any
 * other answer. And the files the server creates are its user's alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../src/app/create-app.js';
import { loadConfig } from '../src/config/ledger-config.js';
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { tempDir } from './support/temp-dir.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ORIGIN = 'https://sopimukset.example';

function expectEdgeHeaders(headers: Headers | Map<string, string>): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers.get(name)) ?? null;
  expect(get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(get('x-content-type-options')).toBe('nosniff');
  expect(get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(get('x-frame-options')).toBe('SAMEORIGIN');
  expect(get('referrer-policy')).toBe('no-referrer');
  expect(get('cross-origin-opener-policy')).toBe('same-origin');
  expect(get('x-request-id')).toMatch(/^[\w.:@-]{1,128}$/);
}

async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect({ status: res.status, contentType: res.headers.get('content-type') }).toEqual({ status, contentType: 'application/problem+json; charset=utf-8' });
  expectEdgeHeaders(res.headers);
  const problem = (await res.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), instance: res.headers.get('x-request-id') });
  return problem;
}

/** A request written to the socket by hand, for what fetch would not send; the raw answer. */
function rawRequest(port: number, request: string): Promise<{ status: number; headers: Map<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(request);
  });
}

describe("the framework's own answers", () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_CORS_ORIGINS: ORIGIN, LEDGER_BODY_LIMIT: '4096' });
    port = Number(new URL(t.api).port);
  });
  afterAll(async () => t.close());

  it('404 for an unknown route, inside and outside /api', async () => {
    await expectProblem(await fetch(`${t.api}/no-such-thing`), 404);
    await expectProblem(await fetch(`${t.api.replace(/\/api$/, '')}/favicon.ico`), 404);
    await expectProblem(await t.call('/agreements', { method: 'PATCH', token: t.adminToken }), 404);
  });

  it('404 for a docs asset named like a prototype property', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) await expectProblem(await fetch(`${t.api}/docs/assets/${name}`), 404);
  });

  it('413 for a body over the limit', async () => {
    const res = await t.call('/agreements', { method: 'POST', token: t.adminToken, json: { title: 'x'.repeat(5000) } });
    await expectProblem(res, 413);
  });

  it('414 for a path segment longer than any id, echoing neither path nor Fastify internals', async () => {
    const res = await fetch(`${t.api}/agreements/${'a'.repeat(500)}`, { headers: { 'x-request-id': 'long-path-1' } });
    const problem = await expectProblem(res, 414);
    expect(res.headers.get('x-request-id')).toBe('long-path-1');
    expect(JSON.stringify(problem)).not.toContain('aaaaaaaaaa');
    expect(problem).not.toHaveProperty('code');
  });

  it('414 for a URL over 4096 characters', async () => {
    await expectProblem(await fetch(`${t.api}/agreements?region=${'K'.repeat(5000)}`, { headers: { authorization: `Bearer ${t.adminToken}` } }), 414);
  });

  it('400 for a malformed percent-encoding in the path', async () => {
    await expectProblem(await fetch(`${t.api}/agreements/%zz/status`), 400);
  });

  it('415 for a media type nobody parses', async () => {
    const res = await t.call('/agreements', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/xml' }, body: '<agreement/>' });
    await expectProblem(res, 415);
  });

  it('400 for malformed JSON, with the security headers', async () => {
    const res = await t.call('/agreements', { method: 'POST', token: t.adminToken, headers: { 'content-type': 'application/json' }, body: '{"title": ' });
    expect(await expectProblem(res, 400)).toMatchObject({ type: 'urn:agreement-ledger:problem:malformed-json' });
  });

  it('401 and a domain 404 carry the request id as instance', async () => {
    await expectProblem(await fetch(`${t.api}/agreements`), 401);
    await expectProblem(await t.call('/agreements/no-such-agreement', { token: t.adminToken }), 404);
  });

  it('a CORS preflight carries the security headers and X-Request-Id', async () => {
    const res = await fetch(`${t.api}/agreements`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expectEdgeHeaders(res.headers);
  });

  it('a request head over 16 KiB: 431 problem document written by hand, with the headers', async () => {
    const res = await rawRequest(port, `GET /api/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expectEdgeHeaders(res.headers);
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', instance: res.headers.get('x-request-id') });
  });

  it('what is not HTTP at all: 400 problem document', async () => {
    const res = await rawRequest(port, 'HELLO\r\n\r\n');
    expect(res.status).toBe(400);
    expectEdgeHeaders(res.headers);
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, instance: res.headers.get('x-request-id') });
  });
});

describe('data files', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('the server creates its data directory 0700 and every SQLite file 0600, -wal and -shm too', async () => {
    const dir = tempDir('modes');
    const dataDir = join(dir.path, 'new', 'data');
    const announcements: string[] = [];
    const app = await createApp(loadConfig({ LEDGER_DATA_DIR: dataDir, PORT: '0', LEDGER_RATE_LIMIT: '0' }), { logger: ['error'], announce: (m) => announcements.push(m) });
    try {
      await app.listen(0, '127.0.0.1');
      const token = /(ldg_[A-Za-z0-9_-]{43})/.exec(announcements.join('\n'))![1]!;
      const { path, body } = toHttpRequest(kymenlaaksoCommands()[0]!);
      const res = await fetch(`${await app.getUrl()}/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dir.path, 'new'))).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'state.sqlite', 'read-models.sqlite']));
      for (const file of files) expect({ file, mode: mode(join(dataDir, file)).toString(8) }).toEqual({ file, mode: '600' });
    } finally {
      await app.close();
      dir.remove();
    }
  });

  it('the ledger command creates its files 0600 too', () => {
    const dir = tempDir('cli-modes');
    const dataDir = join(dir.path, 'data');
    try {
      // Started with the usual umask 022 (this test process has the server's 077 by now).
      const args = ['bin/ledger.js', '--data-dir', dataDir, 'token', 'create', '--role', 'auditor', '--name', 'Tarkastaja'];
      const made = spawnSync('/bin/sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, ...args], { encoding: 'utf8' });
      expect(made.status).toBe(0);
      expect(existsSync(join(dataDir, 'state.sqlite'))).toBe(true);
      expect(mode(dataDir)).toBe(0o700);
      for (const file of readdirSync(dataDir)) expect({ file, mode: mode(join(dataDir, file)).toString(8) }).toEqual({ file, mode: '600' });
    } finally {
      dir.remove();
    }
  });
});

/** The log as an operator reads it: JSON lines, one access line per request, every 5xx findable by its request id. */
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import type { EventStore } from '../src/event-store/event-store.port.js';
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface LogLine {
  level: number;
  time: number;
  msg?: string;
  reqId?: string;
  principal?: string | null;
  method?: string;
  route?: string | null;
  status?: number;
  durationMs?: number;
  context?: string;
  error?: string;
}

describe('structured logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
  const accessLine = (reqId: string): LogLine | undefined => parsed().find((l) => l.reqId === reqId && l.status !== undefined);

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_LOG_LEVEL: 'info' }, { logLines: lines });
  });
  afterAll(async () => t.close());

  it('writes every line, Nest\'s own included, as one JSON object', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(parsed().some((l) => l.context !== undefined)).toBe(true);
  });

  it('logs one access line per request: request id, principal id, route, status, duration — never the token', async () => {
    const res = await t.call('/me', { token: t.adminToken, headers: { 'x-request-id': 'walk-me-1' } });
    expect(res.status).toBe(200);
    const principal = ((await res.json()) as { id: string }).id;
    const line = accessLine('walk-me-1');
    expect(line).toMatchObject({ level: 30, reqId: 'walk-me-1', principal, method: 'GET', route: '/api/me', status: 200 });
    expect(typeof line!.durationMs).toBe('number');
    expect(parsed().filter((l) => l.reqId === 'walk-me-1')).toHaveLength(1);

    const { path, body } = toHttpRequest(kymenlaaksoCommands()[0]!);
    const created = await t.call(path, { method: 'POST', token: t.adminToken, json: body, headers: { 'x-request-id': 'walk-draft-1' } });
    expect(created.status).toBe(201);
    expect(accessLine('walk-draft-1')).toMatchObject({ principal, method: 'POST', route: '/api/agreements', status: 201 });
    const { agreementId } = (await created.json()) as { agreementId: string };
    const events = (await (await t.call(`/agreements/${agreementId}/events`, { token: t.adminToken })).json()) as Array<{ metadata: { $correlationId: string } }>;
    expect(events[0]!.metadata.$correlationId).toBe('walk-draft-1');

    expect(lines.join('\n')).not.toContain(t.adminToken);
  });

  it('logs the route template, not the URL, and no principal for an anonymous caller', async () => {
    const res = await t.call('/agreements/no-such-agreement/status', { headers: { 'x-request-id': 'walk-anon-1' } });
    expect(res.status).toBe(401);
    expect(accessLine('walk-anon-1')).toMatchObject({ principal: null, route: '/api/agreements/:id/status', status: 401 });
    expect(lines.join('\n')).not.toContain('no-such-agreement');
  });

  it('logs a 5xx at error level with its request id, which the problem document carries in instance', async () => {
    // The store failing under the server: the one way a request gets a 500.
    await t.app.get<symbol, EventStore>(EVENT_STORE).close();
    const { path, body } = toHttpRequest(kymenlaaksoCommands()[0]!);
    const res = await t.call(path, { method: 'POST', token: t.adminToken, json: { ...body, agreementId: 'kymenlaakso-broken' }, headers: { 'x-request-id': 'walk-fail-1' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ status: 500, instance: 'walk-fail-1' });
    expect(accessLine('walk-fail-1')).toMatchObject({ level: 50, status: 500, route: '/api/agreements' });
    const failure = parsed().find((l) => l.reqId === 'walk-fail-1' && l.status === undefined);
    expect(failure).toMatchObject({ level: 50, msg: 'unexpected error', context: 'ProblemDetails' });
    expect(failure!.error).toMatch(/not open|closed/);
  });
});

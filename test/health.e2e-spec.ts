import { ProjectionRunner } from '../src/read-models/projection-runner.js';
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('health and errors over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('GET /api/health answers with the store it reads', async () => {
    const res = await fetch(`${t.api}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      store: { kind: 'sqlite', headPosition: null },
      projections: { position: null, caughtUp: true, lagEvents: 0 },
    });
  });

  it('answers an unknown path with an RFC 9457 problem document', async () => {
    const res = await fetch(`${t.api}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
  });

  it('answers malformed JSON with a 400 problem document', async () => {
    const res = await fetch(`${t.api}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('GET /api/health/live answers while the process runs, without credentials', async () => {
    const res = await fetch(`${t.api}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_READY_MAX_LAG: '2' });
  });
  afterAll(async () => t.close());

  it('is 503 while the read models are more than LEDGER_READY_MAX_LAG events behind, and 200 once they catch up', async () => {
    expect((await fetch(`${t.api}/health/ready`)).status).toBe(200);
    // The runner held still stands for one catching up after a restart: the log moves ahead of it.
    const runner = t.app.get(ProjectionRunner);
    await runner.stop();
    let position = '';
    for (const command of kymenlaaksoCommands().slice(0, 4)) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      expect(res.status).toBe(201);
      position = ((await res.json()) as { position: string }).position;
    }
    const behind = await fetch(`${t.api}/health/ready`);
    expect(behind.status).toBe(503);
    expect(behind.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await behind.json()) as { detail: string }).detail).toContain('4 events behind');
    // Liveness is unaffected: a platform must not restart a server that is only catching up.
    expect((await fetch(`${t.api}/health/live`)).status).toBe(200);

    runner.start();
    expect(await runner.waitFor(position, 10_000)).toBe(true);
    const ready = await fetch(`${t.api}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ projections: { position, caughtUp: true, lagEvents: 0 }, maxLagEvents: 2 });
  });
});

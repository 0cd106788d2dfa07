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
});

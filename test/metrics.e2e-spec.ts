/** GET /metrics as Prometheus scrapes it: the text format, parsed, with the ledger's own series. */
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The text exposition format, strictly: every line a comment, blank, or a sample. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('metrics behind the admin role (default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('refuses anonymous callers and non-admins, and serves admins', async () => {
    const anonymous = await fetch(`${t.api.replace(/\/api$/, '')}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const auditor = t.createToken({ name: 'Tarkastaja', role: 'auditor' });
    expect((await fetch(`${t.api.replace(/\/api$/, '')}/metrics`, { headers: { authorization: `Bearer ${auditor}` } })).status).toBe(403);
    const admin = await fetch(`${t.api.replace(/\/api$/, '')}/metrics`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(admin.status).toBe(200);
    expect(parse(await admin.text()).length).toBeGreaterThan(0);
  });
});

describe('metrics with LEDGER_METRICS=true', () => {
  let t: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_METRICS: 'true' });
    metricsUrl = `${t.api.replace(/\/api$/, '')}/metrics`;
  });
  afterAll(async () => t.close());

  it('are open, in the Prometheus text format, with request durations, appends, group commits and projection lag', async () => {
    expect((await t.call('/me', { token: t.adminToken })).status).toBe(200);
    const commands = kymenlaaksoCommands().slice(0, 5);
    let position = '';
    for (const command of commands) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      expect(res.status).toBe(201);
      position = ((await res.json()) as { position: string }).position;
    }
    expect((await t.call(`/agreements?minPosition=${position}`, { token: t.adminToken })).status).toBe(200);

    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parse(await res.text());

    expect(value(samples, 'ledger_http_request_duration_seconds_count', { method: 'GET', route: '/api/me', status: '200' })).toBe(1);
    expect(value(samples, 'ledger_http_request_duration_seconds_count', { method: 'POST', route: '/api/agreements', status: '201' })).toBe(1);
    expect(value(samples, 'ledger_events_appended_total')).toBe(commands.length);
    expect(value(samples, 'ledger_group_commit_appends_count')).toBe(commands.length);
    expect(value(samples, 'ledger_group_commit_appends_sum')).toBe(commands.length);
    expect(value(samples, 'ledger_append_duration_seconds_count')).toBe(commands.length);
    expect(value(samples, 'ledger_projection_lag_events')).toBe(0);
    expect(value(samples, 'ledger_projection_lag_seconds')).toBe(0);
    expect(value(samples, 'ledger_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Label values come from route templates, never from the URL.
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('kymenlaakso')))).toBe(false);
  });
});

/** GET /metrics as Prometheus scrapes it: the text format, parsed, with the ledger's own series. */
import { ProjectionRunner } from '../src/read-models/projection-runner.js';
import { DeliveryWorker } from '../src/webhooks/delivery-worker.js';
import { kymenlaaksoCommands } from './fixtures/kymenlaakso.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { command, draftBody, KOTKA, newAgreementId, read } from './support/webhook-agreements.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

// prom-client writes NaN as `Nan` (e.g. the event-loop lag before its first sample); Prometheus reads either.
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|Nan|\+Inf|-Inf)$/;
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

describe('metrics of the webhooks, the checkpoints and the read side, as they move', () => {
  let t: TestApp;
  let receiver: Receiver;
  let metricsUrl: string;
  const scrape = async () => parse(await (await fetch(metricsUrl)).text());
  const noted = (agreementId: string, section: string) =>
    command(t, `/agreements/${agreementId}/decisions`, { partyId: KOTKA.partyId, body: KOTKA.competentBody, outcome: 'noted', version: 1, decidedOn: '2024-02-01', meeting: { section } });

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_METRICS: 'true', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_SCHEDULE: '50ms', LEDGER_CHECKPOINT_INTERVAL: '0' });
    metricsUrl = `${t.api.replace(/\/api$/, '')}/metrics`;
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('webhook queue depth rises while the worker is held and drains; each delivery attempt is counted by outcome', async () => {
    const before = await scrape();
    expect(value(before, 'ledger_webhook_queue_depth')).toBe(0);
    for (const outcome of ['delivered', 'retrying', 'failed', 'gone']) expect(value(before, 'ledger_webhook_deliveries_total', { outcome })).toBe(0);

    const agreementId = newAgreementId('mittarit');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await read(t.call('/webhooks', { method: 'POST', token: t.adminToken, json: { url: receiver.url, agreementId } }));
    receiver.trust(created.secret);
    const worker = t.app.get(DeliveryWorker);
    await worker.stop();
    await noted(agreementId, '§ 1');
    await noted(agreementId, '§ 2');
    const held = await scrape();
    expect(value(held, 'ledger_webhook_queue_depth')).toBe(2);

    // The first arrival fails and is tried again after the schedule's one delay; the rest succeed.
    receiver.answer((_arrival, n) => (n === 0 ? { status: 503 } : { status: 204 }));
    worker.start();
    await receiver.waitFor(3);
    let drained = await scrape();
    // The last attempt is counted once its record is committed, just after the receiver answered.
    while (value(drained, 'ledger_webhook_deliveries_total', { outcome: 'delivered' }) !== 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      drained = await scrape();
    }
    expect(value(drained, 'ledger_webhook_queue_depth')).toBe(0);
    expect(value(drained, 'ledger_webhook_deliveries_total', { outcome: 'retrying' })).toBe(1);
    expect(value(drained, 'ledger_webhook_deliveries_total', { outcome: 'failed' })).toBe(0);
  });

  it('checkpoint age counts from the latest signed checkpoint, and starts again with the next', async () => {
    const ageAgainst = async (timestamp: string) => {
      const from = Date.now();
      const age = value(await scrape(), 'ledger_checkpoint_age_seconds')!;
      const to = Date.now();
      expect(age).toBeGreaterThanOrEqual((from - Date.parse(timestamp)) / 1000);
      expect(age).toBeLessThanOrEqual((to - Date.parse(timestamp)) / 1000);
    };
    const first = await read(t.call('/digest', { token: t.adminToken }));
    await ageAgainst(first.timestamp);
    const { position } = await command(t, '/agreements', draftBody(newAgreementId('tarkistus')));
    const next = await read(t.call(`/digest?minPosition=${position}`, { token: t.adminToken }));
    expect(next.treeSize).toBeGreaterThan(first.treeSize);
    await ageAgainst(next.timestamp);
  });

  it('projection lag in events and seconds grows while the read models are held, and returns to 0', async () => {
    const runner = t.app.get(ProjectionRunner);
    await runner.stop();
    const agreementId = newAgreementId('viive');
    const appendedFrom = Date.now();
    await command(t, '/agreements', draftBody(agreementId));
    const { position } = await noted(agreementId, '§ 1');
    const behind = await scrape();
    expect(value(behind, 'ledger_projection_lag_events')).toBe(2);
    // The oldest event not reflected is the draft, recorded after appendedFrom and a request before the scrape.
    expect(value(behind, 'ledger_projection_lag_seconds')).toBeGreaterThan(0);
    expect(value(behind, 'ledger_projection_lag_seconds')).toBeLessThanOrEqual((Date.now() - appendedFrom) / 1000);

    runner.start();
    expect(await runner.waitFor(position, 10_000)).toBe(true);
    const caughtUp = await scrape();
    expect(value(caughtUp, 'ledger_projection_lag_events')).toBe(0);
    expect(value(caughtUp, 'ledger_projection_lag_seconds')).toBe(0);
  });
});

/**
 * Delivery over real HTTP to receivers on 127.0.0.1: retries keep their webhook-id, 410 disables,
 * a redirect is a failure and is not followed, a failed message is sent again on request, a key
 * rotation signs with both keys for 24 hours, and a transition dated ahead is sent when the
 * (test's) clock reaches its day in Helsinki.
 */
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';
import { approveAndSign, command, draftBody, KOTKA, newAgreementId, read } from './support/webhook-agreements.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;

/** A Helsinki date `days` from the real today. */
function helsinkiDatePlus(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + days * DAY));
}

describe('webhook delivery', () => {
  let t: TestApp;
  let receiver: Receiver;
  /** The webhooks' clock runs this far ahead of the real one. */
  let clockAhead = 0;

  beforeAll(async () => {
    t = await startTestApp(
      { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_SCHEDULE: '50ms,80ms,50ms', WEBHOOK_TIMEOUT: '1s' },
      { clock: () => new Date(Date.now() + clockAhead) },
    );
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  async function subscribe(json: Record<string, unknown>): Promise<any> {
    const response = await t.call('/webhooks', { method: 'POST', token: t.adminToken, json: { url: receiver.url, ...json } });
    expect(response.status).toBe(201);
    const created = await read(response);
    receiver.trust(created.secret ?? created.publicKey);
    return created;
  }

  const deliveries = (id: string, query = '') => read(t.call(`/webhooks/${id}/deliveries${query}`, { token: t.adminToken }));
  const noted = (agreementId: string, section: string) =>
    command(t, `/agreements/${agreementId}/decisions`, { partyId: KOTKA.partyId, body: KOTKA.competentBody, outcome: 'noted', version: 1, decidedOn: '2024-02-01', meeting: { section } });

  it('retries a failure on the schedule with one stable webhook-id, keeping every attempt', async () => {
    const agreementId = newAgreementId('uudelleen');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await subscribe({ agreementId });
    const countBefore = receiver.arrivals.length;
    receiver.answer((arrival, n) => (arrival.verifiedBy.includes(created.secret) && n < 2 + countBefore ? { status: n === countBefore ? 500 : 503, body: 'huolto' } : { status: 204 }));
    await noted(agreementId, '§ 1');
    const arrivals = await receiver.waitFor(3, (a) => a.verifiedBy.includes(created.secret));
    expect(new Set(arrivals.map((a) => a.id)).size).toBe(1);
    expect(arrivals[0]!.body).toBe(arrivals[2]!.body);
    const list = await waitForDelivery(created.id, (d) => d.status === 'delivered');
    expect(list.attempts.map((a: any) => [a.attempt, a.trigger, a.statusCode])).toEqual([
      [1, 'scheduled', 500],
      [2, 'scheduled', 503],
      [3, 'scheduled', 204],
    ]);
    expect(list.attempts[0]).toMatchObject({ responseBody: 'huolto', durationMs: expect.any(Number), at: expect.any(String) });
    expect(list.deliveryId).toBe(arrivals[0]!.id);
    receiver.answer(() => ({ status: 204 }));
  });

  it('fails after the last scheduled attempt; retry and recover send a failed message again', async () => {
    const agreementId = newAgreementId('epaonnistuu');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await subscribe({ agreementId });
    receiver.answer((arrival) => (arrival.verifiedBy.includes(created.secret) ? { status: 500 } : { status: 204 }));
    await noted(agreementId, '§ 1');
    const failed = await waitForDelivery(created.id, (d) => d.status === 'failed');
    expect(failed.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 500]);
    expect(failed.nextAttemptAt).toBeNull();
    expect(await deliveries(created.id, '?status=failed')).toMatchObject({ total: 1 });

    receiver.answer(() => ({ status: 204 }));
    const retry = await t.call(`/webhooks/${created.id}/deliveries/${failed.deliveryId}/retry`, { method: 'POST', token: t.adminToken });
    expect(retry.status).toBe(202);
    const delivered = await waitForDelivery(created.id, (d) => d.status === 'delivered');
    expect(delivered.attempts.at(-1)).toMatchObject({ attempt: 5, trigger: 'manual', statusCode: 204 });
    const again = await t.call(`/webhooks/${created.id}/deliveries/${failed.deliveryId}/retry`, { method: 'POST', token: t.adminToken });
    expect(again.status).toBe(422);
    expect((await t.call(`/webhooks/${created.id}/deliveries/msg_unknown/retry`, { method: 'POST', token: t.adminToken })).status).toBe(404);

    receiver.answer((arrival) => (arrival.verifiedBy.includes(created.secret) ? { status: 500 } : { status: 204 }));
    await noted(agreementId, '§ 2');
    await waitForDelivery(created.id, (d) => d.status === 'failed');
    receiver.answer(() => ({ status: 204 }));
    const recover = await t.call(`/webhooks/${created.id}/recover`, { method: 'POST', token: t.adminToken, json: { since: new Date(Date.now() - 60_000).toISOString() } });
    expect(recover.status).toBe(202);
    expect(await read(recover)).toEqual({ requeued: 1 });
    await waitForDelivery(created.id, (d) => d.status === 'delivered' && d.attempts.length === 5);
    expect((await t.call(`/webhooks/${created.id}/recover`, { method: 'POST', token: t.adminToken, json: { since: 'yesterday' } })).status).toBe(400);
  });

  it('410 Gone disables the subscription at once; nothing more is sent until it is enabled again', async () => {
    const agreementId = newAgreementId('poistunut');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await subscribe({ agreementId });
    receiver.answer((arrival) => (arrival.verifiedBy.includes(created.secret) ? { status: 410 } : { status: 204 }));
    await noted(agreementId, '§ 1');
    await receiver.waitFor(1, (a) => a.verifiedBy.includes(created.secret));
    const disabled = await waitFor(async () => {
      const shown = await read(t.call(`/webhooks/${created.id}`, { token: t.adminToken }));
      return shown.status === 'disabled' ? shown : undefined;
    });
    expect(disabled.disabledReason).toMatch(/410 Gone/);
    expect((await deliveries(created.id)).items[0]).toMatchObject({ status: 'failed', attempts: [{ statusCode: 410 }] });

    receiver.answer(() => ({ status: 204 }));
    await noted(agreementId, '§ 2');
    const enabled = await t.call(`/webhooks/${created.id}/enable`, { method: 'POST', token: t.adminToken });
    expect(await read(enabled)).toMatchObject({ status: 'active', disabledReason: null });
    await noted(agreementId, '§ 3');
    const arrivals = await receiver.waitFor(2, (a) => a.verifiedBy.includes(created.secret));
    // A disabled subscription is sent nothing: § 2 was never written for it.
    expect(arrivals.map((a) => a.payload.data.meeting.section)).toEqual(['§ 1', '§ 3']);
  });

  it('a subscription that has known only failures for WEBHOOK_DISABLE_AFTER (5 days) is disabled', async () => {
    const agreementId = newAgreementId('viisi-paivaa');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await subscribe({ agreementId });
    receiver.answer((arrival) => (arrival.verifiedBy.includes(created.secret) ? { status: 503 } : { status: 204 }));
    try {
      await noted(agreementId, '§ 1');
      await waitForDelivery(created.id, (d) => d.status === 'failed');
      expect(await read(t.call(`/webhooks/${created.id}`, { token: t.adminToken }))).toMatchObject({ status: 'active' });
      clockAhead = 5 * DAY + 60_000;
      await noted(agreementId, '§ 2');
      const disabled = await waitFor(async () => {
        const shown = await read(t.call(`/webhooks/${created.id}`, { token: t.adminToken }));
        return shown.status === 'disabled' ? shown : undefined;
      });
      expect(disabled.disabledReason).toMatch(/^no delivery has succeeded since /);
    } finally {
      clockAhead = 0;
      receiver.answer(() => ({ status: 204 }));
    }
  });

  it('a redirect is a failure and is not followed; a receiver that hangs times out', async () => {
    const elsewhere = await startReceiver();
    try {
      const agreementId = newAgreementId('uudelleenohjaus');
      await command(t, '/agreements', draftBody(agreementId));
      const created = await subscribe({ agreementId });
      receiver.answer((arrival, n) =>
        arrival.verifiedBy.includes(created.secret) ? (n % 2 === 0 ? { status: 302, headers: { location: elsewhere.url } } : { status: 200, hold: true }) : { status: 204 },
      );
      await noted(agreementId, '§ 1');
      const failed = await waitForDelivery(created.id, (d) => d.attempts.length >= 2);
      const codes = failed.attempts.slice(0, 2).map((a: any) => a.statusCode);
      expect(codes).toContain(302);
      expect(codes).toContain(0);
      expect(failed.attempts.find((a: any) => a.statusCode === 0).error).toBe('no answer within 1000 ms');
      expect(elsewhere.arrivals).toEqual([]);
    } finally {
      receiver.answer(() => ({ status: 204 }));
      await elsewhere.close();
    }
  });

  it('a rotation signs with both keys for 24 hours, then with the new one only', async () => {
    const agreementId = newAgreementId('kierto');
    await command(t, '/agreements', draftBody(agreementId));
    const v1 = await subscribe({ agreementId });
    const v1a = await subscribe({ agreementId, signing: 'v1a' });
    const rotated = await read(t.call(`/webhooks/${v1.id}/rotate`, { method: 'POST', token: t.adminToken }));
    const rotatedV1a = await read(t.call(`/webhooks/${v1a.id}/rotate`, { method: 'POST', token: t.adminToken }));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(v1.secret);
    expect(rotatedV1a.publicKey).not.toBe(v1a.publicKey);
    expect(rotated.previousKeyValidUntil).toEqual(expect.any(String));
    receiver.trust(rotated.secret, rotatedV1a.publicKey);

    await noted(agreementId, '§ 1');
    const [both] = await receiver.waitFor(1, (a) => a.verifiedBy.includes(rotated.secret));
    expect(both!.signature.split(' ')).toHaveLength(2);
    expect(both!.verifiedBy).toEqual([v1.secret, rotated.secret]);
    const [bothV1a] = await receiver.waitFor(1, (a) => a.verifiedBy.includes(rotatedV1a.publicKey));
    expect(bothV1a!.verifiedBy).toEqual([v1a.publicKey, rotatedV1a.publicKey]);

    // A day later (v1a: a v1 receiver would refuse a timestamp that far from its own clock).
    clockAhead = DAY + 60_000;
    try {
      await noted(agreementId, '§ 2');
      const later = await receiver.waitFor(2, (a) => a.verifiedBy.includes(rotatedV1a.publicKey));
      expect(later[1]!.signature.split(' ')).toHaveLength(1);
      expect(later[1]!.verifiedBy).toEqual([rotatedV1a.publicKey]);
      expect(await read(t.call(`/webhooks/${v1a.id}`, { token: t.adminToken }))).not.toHaveProperty('previousKeyValidUntil');
    } finally {
      clockAhead = 0;
    }
  });

  it('sends entered_into_force when the clock reaches a future effectiveFrom in Helsinki, once', async () => {
    const agreementId = newAgreementId('tulevaisuus');
    const effectiveFrom = helsinkiDatePlus(10);
    await command(t, '/agreements', draftBody(agreementId, { effectiveFrom }));
    const created = await subscribe({ agreementId, signing: 'v1a', eventTypes: ['agreement.entered_into_force'] });
    await approveAndSign(t, agreementId, helsinkiDatePlus(0));
    const dispatcher = t.app.get(WebhookDispatcher);
    await dispatcher.checkDate();
    const mine = (a: { verifiedBy: string[] }) => a.verifiedBy.includes(created.publicKey);
    // The approvals and signatures are done, but the day has not come.
    const marker = await subscribe({ agreementId, eventTypes: ['decision.recorded'], signing: 'v1a' });
    await noted(agreementId, '§ merkki');
    await receiver.waitFor(1, (a) => a.verifiedBy.includes(marker.publicKey));
    expect(receiver.arrivals.filter(mine)).toEqual([]);

    clockAhead = 9 * DAY;
    await dispatcher.checkDate();
    clockAhead = 10 * DAY;
    try {
      await dispatcher.checkDate();
      const [entered] = await receiver.waitFor(1, mine);
      expect(entered!.payload).toMatchObject({ type: 'agreement.entered_into_force', data: { agreementId, version: 1, effectiveOn: effectiveFrom } });
      clockAhead = 11 * DAY;
      await dispatcher.checkDate();
      await noted(agreementId, '§ toinen merkki');
      await receiver.waitFor(2, (a) => a.verifiedBy.includes(marker.publicKey));
      expect(receiver.arrivals.filter(mine)).toHaveLength(1);
    } finally {
      clockAhead = 0;
    }
  });

  /** Polls the subscription's latest delivery until `done`. */
  async function waitForDelivery(id: string, done: (delivery: any) => boolean): Promise<any> {
    return waitFor(async () => {
      const { items } = await deliveries(id);
      const last = items.at(-1);
      return last !== undefined && done(last) ? last : undefined;
    });
  }
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Webhooks over real HTTP: a party's system subscribes, receives every message on 127.0.0.1 and
 * verifies each signature with the tools a receiver has (standardwebhooks for v1, node:crypto for
 * v1a); filters and access decide who hears what; confidential annexes travel as ids only.
 */
import { startReceiver, type Receiver } from './support/webhook-receiver.js';
import { approveAndSign, command, draftBody, HAMINA, KOTKA, newAgreementId, read } from './support/webhook-agreements.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { constructedParty } from './fixtures/constructed-party.js';

const PYHTAA = constructedParty('9910007', 'Pyhtään kunta', 'municipality', 'Pyhtään kunnanvaltuusto');

describe('webhooks: subscribe, receive, verify', () => {
  let t: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_SCHEDULE: '50ms,50ms,50ms' });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  async function subscribe(json: Record<string, unknown>, token = t.adminToken): Promise<any> {
    const response = await t.call('/webhooks', { method: 'POST', token, json: { url: receiver.url, ...json } });
    expect(response.status).toBe(201);
    return response.json();
  }

  it('sends each event and the entry into force, signed v1, to one agreement\'s subscriber', async () => {
    const agreementId = newAgreementId('v1');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await subscribe({ agreementId, description: 'Kotkan asianhallinta' });
    expect(created).toMatchObject({ url: receiver.url, agreementId, signing: 'v1', status: 'active', disabledReason: null, eventTypes: [] });
    expect(created.secret).toMatch(/^whsec_/);
    receiver.trust(created.secret);
    await approveAndSign(t, agreementId);
    const arrivals = await receiver.waitFor(5, (a) => a.payload.data.agreementId === agreementId);
    expect(arrivals.map((a) => a.payload.type)).toEqual(['decision.recorded', 'agreement.signed', 'decision.recorded', 'agreement.signed', 'agreement.entered_into_force']);
    for (const arrival of arrivals) expect(arrival.verifiedBy).toEqual([created.secret]);
    expect(arrivals[4]!.payload.data).toMatchObject({ agreementId, version: 1, effectiveOn: '2024-01-10', position: arrivals[3]!.payload.data.position });
    expect(arrivals[0]!.payload.data).toMatchObject({ agreementId, version: 1, partyId: KOTKA.partyId, outcome: 'approved', meeting: { section: '§ 12' } });
    // The draft came before the subscription: it is not news to it.
    expect(receiver.arrivals.some((a) => a.payload.data.agreementId === agreementId && a.payload.type === 'agreement.drafted')).toBe(false);
  });

  it('signs v1a with Ed25519: the public key is shown always, verifies with node:crypto alone, and no secret is ever shown again', async () => {
    const agreementId = newAgreementId('v1a');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await subscribe({ agreementId, signing: 'v1a' });
    expect(created.publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(created).not.toHaveProperty('secret');
    receiver.trust(created.publicKey);
    await approveAndSign(t, agreementId);
    const arrivals = await receiver.waitFor(5, (a) => a.payload.data.agreementId === agreementId);
    for (const arrival of arrivals) {
      expect(arrival.verifiedBy).toEqual([created.publicKey]);
      expect(arrival.signature).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    }
    const shown = await read(t.call(`/webhooks/${created.id}`, { token: t.adminToken }));
    expect(shown).toEqual({ ...created, createdAt: created.createdAt });
    const v1 = await subscribe({ agreementId });
    const listed = await read(t.call('/webhooks', { token: t.adminToken }));
    expect(listed.items.find((w: any) => w.id === v1.id)).not.toHaveProperty('secret');
    expect(listed.total).toBe(listed.items.length);
  });

  it('filters by event type (exact or prefix.*), agreement and party', async () => {
    const withPyhtaa = newAgreementId('pyhtaa');
    const without = newAgreementId('ilman');
    const decisions = await subscribe({ eventTypes: ['decision.*'], partyId: PYHTAA.partyId });
    const force = await subscribe({ eventTypes: ['agreement.entered_into_force'], agreementId: undefined });
    receiver.trust(decisions.secret, force.secret);
    await command(t, '/agreements', draftBody(withPyhtaa, { parties: [KOTKA, HAMINA, PYHTAA] }));
    await command(t, '/agreements', draftBody(without));
    await approveAndSign(t, without);
    for (const party of [KOTKA, HAMINA, PYHTAA]) {
      await command(t, `/agreements/${withPyhtaa}/decisions`, { partyId: party.partyId, body: party.competentBody, outcome: 'approved', version: 1, decidedOn: '2024-02-01', meeting: { section: '§ 3' } });
    }
    const forDecisions = await receiver.waitFor(3, (a) => a.verifiedBy.includes(decisions.secret));
    expect(forDecisions.map((a) => [a.payload.type, a.payload.data.agreementId, a.payload.data.partyId])).toEqual([
      ['decision.recorded', withPyhtaa, KOTKA.partyId],
      ['decision.recorded', withPyhtaa, HAMINA.partyId],
      ['decision.recorded', withPyhtaa, PYHTAA.partyId],
    ]);
    const forForce = await receiver.waitFor(1, (a) => a.verifiedBy.includes(force.secret));
    expect(forForce.map((a) => [a.payload.type, a.payload.data.agreementId])).toEqual([['agreement.entered_into_force', without]]);
    // Nothing else arrived for either, once every message for a later agreement has: delivery runs in order.
    const marker = newAgreementId('merkki');
    await command(t, '/agreements', draftBody(marker));
    await approveAndSign(t, marker);
    await receiver.waitFor(2, (a) => a.verifiedBy.includes(force.secret));
    expect(receiver.arrivals.filter((a) => a.verifiedBy.includes(decisions.secret))).toHaveLength(3);
  });

  it('a clerk hears only of its own party\'s agreements, a region admin only of its region', async () => {
    const kotkaClerk = t.createToken({ role: 'clerk', partyId: KOTKA.partyId, name: 'Kotkan kirjaamo' });
    const uusimaa = t.createToken({ role: 'admin', region: 'Uusimaa', name: 'Uudenmaan aluehallinto' });
    const kotkaAgreement = newAgreementId('kotka');
    const otherAgreement = newAgreementId('muut');
    await command(t, '/agreements', draftBody(otherAgreement, { parties: [HAMINA, PYHTAA] }));

    const forbidden = await t.call('/webhooks', { method: 'POST', token: kotkaClerk, json: { url: receiver.url, partyId: HAMINA.partyId } });
    expect(forbidden.status).toBe(403);
    const unseen = await t.call('/webhooks', { method: 'POST', token: kotkaClerk, json: { url: receiver.url, agreementId: otherAgreement } });
    expect(unseen.status).toBe(422);
    expect(await read(unseen)).toMatchObject({ code: 'unknown-agreement', errors: [{ field: 'agreementId' }] });
    const outOfRegion = await t.call('/webhooks', { method: 'POST', token: uusimaa, json: { url: receiver.url, agreementId: otherAgreement } });
    expect(outOfRegion.status).toBe(422);

    const clerk = await subscribe({}, kotkaClerk);
    const regional = await subscribe({}, uusimaa);
    receiver.trust(clerk.secret, regional.secret);
    await command(t, '/agreements', draftBody(kotkaAgreement));
    await command(t, `/agreements/${otherAgreement}/decisions`, { partyId: HAMINA.partyId, body: HAMINA.competentBody, outcome: 'approved', version: 1, decidedOn: '2024-02-01', meeting: { section: '§ 4' } });
    await command(t, `/agreements/${kotkaAgreement}/decisions`, { partyId: HAMINA.partyId, body: HAMINA.competentBody, outcome: 'approved', version: 1, decidedOn: '2024-02-01', meeting: { section: '§ 5' } });
    const heard = await receiver.waitFor(2, (a) => a.verifiedBy.includes(clerk.secret));
    expect(heard.map((a) => [a.payload.type, a.payload.data.agreementId])).toEqual([
      ['agreement.drafted', kotkaAgreement],
      ['decision.recorded', kotkaAgreement],
    ]);
    expect(receiver.arrivals.filter((a) => a.verifiedBy.includes(regional.secret))).toEqual([]);
    // Each sees and manages only its own subscription; an unrestricted admin sees every one.
    expect((await t.call(`/webhooks/${regional.id}`, { token: kotkaClerk })).status).toBe(404);
    expect((await read(t.call('/webhooks', { token: kotkaClerk }))).items.map((w: any) => w.id)).toEqual([clerk.id]);
    expect((await t.call(`/webhooks/${clerk.id}`, { token: t.adminToken })).status).toBe(200);
  });

  it('a confidential annex travels as its id only', async () => {
    const agreementId = newAgreementId('luottamuksellinen');
    const created = await subscribe({ eventTypes: ['agreement.drafted', 'agreement.amended'], agreementId: undefined });
    receiver.trust(created.secret);
    const annexes = [
      { annexId: 'A', title: 'Liite A: yhteistyöryhmät', sha256: 'cd'.repeat(32) },
      { annexId: 'B', title: 'Liite B: häiriötilanteet ja poikkeusolot', sha256: 'ef'.repeat(32), publicity: 'confidential', legalBasis: 'JulkL 621/1999 24 § 1 mom. 8 k.' },
    ];
    await command(t, '/agreements', draftBody(agreementId, { annexes }));
    await command(t, `/agreements/${agreementId}/amendments`, { basedOn: 1, summary: 'Liite B päivitetty', changes: [{ op: 'amend-annex', annexId: 'B', title: 'Liite B: varautuminen', sha256: '12'.repeat(32) }] });
    const [drafted, amended] = await receiver.waitFor(2, (a) => a.verifiedBy.includes(created.secret) && a.payload.data.agreementId === agreementId);
    expect(drafted!.payload.data.annexes).toEqual([{ ...annexes[0], publicity: 'public' }, { annexId: 'B', publicity: 'confidential' }]);
    expect(amended!.payload.data).toMatchObject({ version: 2, changes: [{ op: 'amend-annex', annexId: 'B', publicity: 'confidential' }] });
    expect(amended!.body).not.toContain('varautuminen');
    expect(drafted!.body).not.toContain('häiriötilanteet');
  });

  it('refuses bad subscriptions with a 400 naming the field, and keeps nothing of them', async () => {
    const before = (await read(t.call('/webhooks', { token: t.adminToken }))).total;
    for (const [json, field] of [
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://example.fi/hook' }, 'url'],
      [{ url: receiver.url, eventTypes: ['DecisionRecorded'] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: 'decision.*' }, 'eventTypes'],
      [{ url: receiver.url, signing: 'v2' }, 'signing'],
      [{ url: receiver.url, partyId: '0161999-8' }, 'partyId'],
      [{ url: receiver.url, secret: 'whsec_mine' }, 'secret'],
      [{ url: receiver.url, description: null }, 'description'],
    ] as const) {
      const response = await t.call('/webhooks', { method: 'POST', token: t.adminToken, json });
      expect({ json, status: response.status }).toEqual({ json, status: 400 });
      const problem = await read(response);
      expect(problem.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await read(t.call('/webhooks', { token: t.adminToken }))).total).toBe(before);
    expect((await t.call('/webhooks/wh_nonexistent', { token: t.adminToken })).status).toBe(404);
    expect((await t.call('/webhooks/wh_nonexistent/rotate', { method: 'POST', token: t.adminToken })).status).toBe(404);
  });

  it('DELETE ends a subscription: 204, then 404 and no more messages', async () => {
    const agreementId = newAgreementId('poisto');
    await command(t, '/agreements', draftBody(agreementId));
    const created = await subscribe({ agreementId });
    expect((await t.call(`/webhooks/${created.id}`, { method: 'DELETE', token: t.adminToken })).status).toBe(204);
    expect((await t.call(`/webhooks/${created.id}`, { token: t.adminToken })).status).toBe(404);
    const watcher = await subscribe({ agreementId });
    receiver.trust(created.secret, watcher.secret);
    await command(t, `/agreements/${agreementId}/decisions`, { partyId: KOTKA.partyId, body: KOTKA.competentBody, outcome: 'noted', version: 1, decidedOn: '2024-02-01', meeting: { section: '§ 6' } });
    await receiver.waitFor(1, (a) => a.verifiedBy.includes(watcher.secret));
    expect(receiver.arrivals.filter((a) => a.verifiedBy.includes(created.secret))).toEqual([]);
  });

  it('a subscription whose owner\'s token is revoked is sent nothing more', async () => {
    const clerk = t.createToken({ role: 'clerk', partyId: KOTKA.partyId, name: 'Kotkan kirjaamo, vanha' });
    const agreementId = newAgreementId('peruttu');
    await command(t, '/agreements', draftBody(agreementId));
    const revoked = await subscribe({ agreementId }, clerk);
    const watcher = await subscribe({ agreementId });
    receiver.trust(revoked.secret, watcher.secret);
    const noted = (section: string) =>
      command(t, `/agreements/${agreementId}/decisions`, { partyId: KOTKA.partyId, body: KOTKA.competentBody, outcome: 'noted', version: 1, decidedOn: '2024-02-01', meeting: { section } });
    await noted('§ 1');
    await receiver.waitFor(1, (a) => a.verifiedBy.includes(revoked.secret));
    const { id } = await read(t.call('/me', { token: clerk }));
    expect((await t.call(`/tokens/${id.slice('token:'.length)}`, { method: 'DELETE', token: t.adminToken })).status).toBe(204);
    await noted('§ 2');
    await receiver.waitFor(2, (a) => a.verifiedBy.includes(watcher.secret));
    expect(receiver.arrivals.filter((a) => a.verifiedBy.includes(revoked.secret))).toHaveLength(1);
  });
});

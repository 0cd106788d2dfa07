/**
 * obligation.due_soon and obligation.overdue over real HTTP: sent when the (test's) clock reaches
 * the reminder day and the day after a period's end in Helsinki, once each per party, also when
 * the server did not look on the day itself, and never for a period met in time.
 */
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';
import { approveAndSign, command, draftBody, HAMINA, KOTKA, newAgreementId, read } from './support/webhook-agreements.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;

/** A Helsinki date `days` from the real today. */
function helsinkiDatePlus(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + days * DAY));
}

describe('obligation webhooks', () => {
  let t: TestApp;
  let receiver: Receiver;
  /** The webhooks' clock runs this far ahead of the real one. */
  let clockAhead = 0;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', OBLIGATION_REMINDER_DAYS: '20' }, { clock: () => new Date(Date.now() + clockAhead) });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('sends due_soon on the reminder day and overdue after the period, per party, not for a met one, and catches up on missed days', async () => {
    const agreementId = newAgreementId('velvoite');
    const dueBy = helsinkiDatePlus(30);
    const once = (obligationId: string, title: string) => ({ obligationId, title, recurrence: 'once', participation: 'each-party', dueBy });
    await command(t, '/agreements', draftBody(agreementId, { obligations: [once('raportti', 'Hyvinvointikertomus'), once('kokous', 'Aloituskokous')] }));
    await approveAndSign(t, agreementId, helsinkiDatePlus(0));
    await command(t, `/agreements/${agreementId}/obligations/kokous/fulfilments`, { heldOn: helsinkiDatePlus(0), parties: [KOTKA.partyId, HAMINA.partyId] });
    const response = await t.call('/webhooks', { method: 'POST', token: t.adminToken, json: { url: receiver.url, agreementId, signing: 'v1a', eventTypes: ['obligation.*'] } });
    const created = await read(response);
    // v1a: a v1 receiver would refuse a timestamp that far from its own clock.
    receiver.trust(created.publicKey);
    const mine = (a: { verifiedBy: string[]; payload: { type: string } }) => a.verifiedBy.includes(created.publicKey) && a.payload.type !== 'obligation.fulfilled';
    // A region admin elsewhere, subscribed to every obligation notice, may not read this agreement.
    const uusimaa = t.createToken({ role: 'admin', region: 'Uusimaa', name: 'Uudenmaan aluehallinto' });
    const subscribed = await t.call('/webhooks', { method: 'POST', token: uusimaa, json: { url: receiver.url, signing: 'v1a', eventTypes: ['obligation.*'] } });
    expect(subscribed.status).toBe(201);
    const elsewhere = await read(subscribed);
    receiver.trust(elsewhere.publicKey);
    const dispatcher = t.app.get(WebhookDispatcher);

    try {
      clockAhead = 9 * DAY;
      await dispatcher.checkDate();
      clockAhead = 10 * DAY;
      await dispatcher.checkDate();
      const reminders = await receiver.waitFor(2, mine);
      expect(reminders.map((a) => a.payload)).toEqual(
        [KOTKA, HAMINA].map((party) => ({
          type: 'obligation.due_soon',
          timestamp: expect.any(String),
          data: expect.objectContaining({ agreementId, obligationId: 'raportti', title: 'Hyvinvointikertomus', period: { from: helsinkiDatePlus(0), to: dueBy }, partyId: party.partyId, effectiveOn: helsinkiDatePlus(10) }),
        })),
      );

      // The server does not look on the day after dueBy; nine days later it catches up.
      clockAhead = 40 * DAY;
      await dispatcher.checkDate();
      const all = await receiver.waitFor(4, mine);
      expect(all.slice(2).map((a) => [a.payload.type, a.payload.data.obligationId, a.payload.data.partyId, a.payload.data.effectiveOn])).toEqual(
        [KOTKA, HAMINA].map((party) => ['obligation.overdue', 'raportti', party.partyId, helsinkiDatePlus(31)]),
      );

      // Once each: a later look sends nothing again; the fulfilment after it is the marker.
      clockAhead = 41 * DAY;
      await dispatcher.checkDate();
      await command(t, `/agreements/${agreementId}/obligations/kokous/fulfilments`, { heldOn: helsinkiDatePlus(0), parties: [KOTKA.partyId] });
      await receiver.waitFor(1, (a) => a.verifiedBy.includes(created.publicKey) && a.payload.type === 'obligation.fulfilled');
      expect(receiver.arrivals.filter(mine)).toHaveLength(4);
      expect(receiver.arrivals.filter((a) => a.verifiedBy.includes(elsewhere.publicKey))).toEqual([]);
    } finally {
      clockAhead = 0;
    }
  });

  it('a server that was down on the reminder day and the day after dueBy sends both when it starts again', async () => {
    // A server of its own: the other test's clock has already swept days ahead.
    let u = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', OBLIGATION_REMINDER_DAYS: '20' });
    const agreementId = newAgreementId('katko');
    const dueBy = helsinkiDatePlus(30);
    const obligations = [
      { obligationId: 'raportti', title: 'Hyvinvointikertomus', recurrence: 'once', participation: 'joint', dueBy },
      { obligationId: 'kokous', title: 'Aloituskokous', recurrence: 'once', participation: 'joint' },
    ];
    await command(u, '/agreements', draftBody(agreementId, { obligations }));
    await approveAndSign(u, agreementId, helsinkiDatePlus(0));
    const subscribed = await u.call('/webhooks', { method: 'POST', token: u.adminToken, json: { url: receiver.url, agreementId, signing: 'v1a', eventTypes: ['obligation.*'] } });
    const { publicKey } = await read(subscribed);
    receiver.trust(publicKey);
    // Its fulfilment arriving shows the dispatcher has taken in the agreement before the server stops.
    await command(u, `/agreements/${agreementId}/obligations/kokous/fulfilments`, { heldOn: helsinkiDatePlus(0), parties: [KOTKA.partyId, HAMINA.partyId] });
    await receiver.waitFor(1, (a) => a.verifiedBy.includes(publicKey));
    await u.close({ keepData: true });

    // Forty days later the same data directory starts again: the start's own look at the date catches up.
    u = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', OBLIGATION_REMINDER_DAYS: '20' }, { dataDir: u.dataDir, clock: () => new Date(Date.now() + 40 * DAY) });
    try {
      const arrivals = await receiver.waitFor(4, (a) => a.verifiedBy.includes(publicKey) && a.payload.type !== 'obligation.fulfilled');
      expect(arrivals.map((a) => [a.payload.type, a.payload.data.partyId, a.payload.data.effectiveOn])).toEqual([
        ['obligation.due_soon', KOTKA.partyId, helsinkiDatePlus(10)],
        ['obligation.due_soon', HAMINA.partyId, helsinkiDatePlus(10)],
        ['obligation.overdue', KOTKA.partyId, helsinkiDatePlus(31)],
        ['obligation.overdue', HAMINA.partyId, helsinkiDatePlus(31)],
      ]);
    } finally {
      await u.close();
    }
  });
});

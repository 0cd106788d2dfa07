/**
 * The dispatcher as a log consumer, on a real SQLite log and state database, without HTTP: its
 * outbox and checkpoint move together, a restart resumes without writing a message twice,
 * rebuilding the read models writes nothing, and transitions dated ahead are written when the
 * clock's Helsinki date reaches them — from the agreement as it then stands.
 */
import type Database from 'better-sqlite3';
import { COUNCIL_TERMS } from '../src/core/council-terms.js';
import { helsinkiDate } from '../src/core/helsinki-date.js';
import { agreementStreamId } from '../src/core/stream-names.js';
import type { AgreementEvent } from '../src/core/agreement-events.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../src/read-models/projection-runner.js';
import { ReadModelStore } from '../src/read-models/read-model-store.js';
import { openStateDatabase } from '../src/state/state-database.js';
import { Outbox } from '../src/webhooks/outbox.js';
import { SubscriptionStore } from '../src/webhooks/subscription-store.js';
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher.js';
import { migrateWebhooks } from '../src/webhooks/webhook-schema.js';
import { approvedAndSignedByBoth, drafted, terminated, withdrawn, type RecordedLate } from '../projections/testing/agreement-fixtures.js';
import { encoded } from './support/encoded.js';
import { tempDir } from './support/temp-dir.js';

const AGREEMENT = 'kymenlaakso-hyvinvointi';

describe('the webhook dispatcher', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: SqliteEventStore;
  let db: Database.Database;
  let outbox: Outbox;
  let subscriptions: SubscriptionStore;
  let revision: bigint | 'no-stream';
  /** The dispatcher's clock; tests move it. */
  let now = new Date('2025-03-03T10:00:00Z');
  const clock = () => now;

  beforeEach(() => {
    dir = tempDir('dispatcher');
    store = new SqliteEventStore({ file: `${dir.path}/ledger.sqlite` });
    db = openStateDatabase(dir.path);
    migrateWebhooks(db);
    outbox = new Outbox(db, clock);
    subscriptions = new SubscriptionStore(db, clock);
    revision = 'no-stream';
    now = new Date('2025-03-03T10:00:00Z');
  });
  afterEach(async () => {
    db.close();
    await store.close();
    dir.remove();
  });

  const subscribe = () =>
    subscriptions.create({
      url: 'http://127.0.0.1:9/hooks',
      eventTypes: [],
      agreementId: null,
      partyId: null,
      description: null,
      signing: 'v1',
      owner: { id: 'token:tok_test', name: 'Aluehallinto', role: 'admin' },
      startsAfter: null,
    });

  async function append(...entries: (AgreementEvent | RecordedLate)[]): Promise<string> {
    const events = entries.map((entry) => ('event' in entry ? entry.event : entry));
    const result = await store.append(agreementStreamId(AGREEMENT), events.map((event) => encoded(event)), { expectedRevision: revision });
    revision = result.nextExpectedRevision;
    return result.position;
  }

  const types = () => (db.prepare('SELECT event_type FROM webhook_messages ORDER BY seq').all() as { event_type: string }[]).map((row) => row.event_type);

  async function started(): Promise<WebhookDispatcher> {
    const dispatcher = new WebhookDispatcher(store, outbox, subscriptions, { now: clock, onError: (error) => { throw error; } });
    await dispatcher.start();
    return dispatcher;
  }

  /** Waits until the checkpoint reaches `position` (the dispatcher consumes in the background). */
  async function reached(position: string): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      const at = outbox.checkpoint()?.position;
      if (at !== undefined && store.comparePositions(at, position) >= 0) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`the dispatcher did not reach ${position}`);
  }

  it('writes each event and each transition that took effect, and resumes after a restart without writing any twice', async () => {
    subscribe();
    const first = await started();
    await reached(await append(drafted(), ...approvedAndSignedByBoth(1, '2025-01-10', '2025-01-15')));
    expect(types()).toEqual(['agreement.drafted', 'decision.recorded', 'decision.recorded', 'agreement.signed', 'agreement.signed', 'agreement.entered_into_force']);
    await first.stop();

    const second = await started();
    await reached(await append(terminated('2025-02-01')));
    await second.stop();
    expect(types().slice(6)).toEqual(['termination.recorded', 'agreement.terminated']);

    // Rebuilding the read models from the whole log is no concern of the outbox.
    const readModels = new ReadModelStore(`${dir.path}/rebuilt`);
    await new ProjectionRunner(store, readModels).runToHead();
    readModels.close();
    const third = await started();
    await third.stop();
    expect(types()).toHaveLength(8);
  });

  it('writes the obligation notices of days a restart swept before it took in the events recorded ahead of them', async () => {
    const day = (days: number) => helsinkiDate(new Date(Date.now() + days * 86_400_000));
    now = new Date();
    subscribe();
    await (await started()).stop();
    const report = { obligationId: 'raportti', title: 'Hyvinvointikertomus', recurrence: 'once', participation: 'joint', dueBy: day(30) } as const;
    const position = await append(drafted({ obligations: [report] }), ...approvedAndSignedByBoth(1, day(0), day(0)));

    // Down over the reminder day (20 before dueBy) and the day after dueBy; the start sweeps first, then reads the events.
    now = new Date(Date.now() + 40 * 86_400_000);
    const dispatcher = new WebhookDispatcher(store, outbox, subscriptions, { now: clock, obligations: { councilTerms: COUNCIL_TERMS, reminderDays: 20 }, onError: (error) => { throw error; } });
    await dispatcher.start();
    await reached(position);
    await dispatcher.stop();
    expect(types().filter((type) => type.startsWith('obligation.'))).toEqual(['obligation.due_soon', 'obligation.due_soon', 'obligation.overdue', 'obligation.overdue']);
  });

  it('writes a transition dated ahead when the date arrives in Helsinki, also after downtime, and not if it was withdrawn', async () => {
    subscribe();
    const dispatcher = await started();
    await reached(await append(drafted({ effectiveFrom: '2025-03-10' }), ...approvedAndSignedByBoth(1, '2025-01-10', '2025-01-15'), terminated('2025-04-01')));
    expect(types()).not.toContain('agreement.entered_into_force');
    await dispatcher.stop();

    // Down over the day it took effect: the next start writes it, once, with its own date.
    now = new Date('2025-03-12T08:00:00Z');
    const after = await started();
    expect(types().filter((type) => type.startsWith('agreement.e'))).toEqual(['agreement.entered_into_force']);
    const entered = db.prepare(`SELECT body FROM webhook_messages WHERE event_type = 'agreement.entered_into_force'`).get() as { body: string };
    expect(JSON.parse(entered.body).data).toMatchObject({ agreementId: AGREEMENT, version: 1, effectiveOn: '2025-03-10' });

    await reached(await append(withdrawn()));
    // 31 March 23:30 in Helsinki is still March; the termination would take effect on 1 April — but it was withdrawn.
    now = new Date('2025-03-31T20:30:00Z');
    await after.checkDate();
    now = new Date('2025-04-02T08:00:00Z');
    await after.checkDate();
    await after.stop();
    expect(types().slice(5)).toEqual(['termination.recorded', 'agreement.entered_into_force', 'termination.withdrawn']);
  });
});

import { agreementSummary, projectAgreement, type AgreementProjection, type RecordedEvent } from '../../projections/index.js';
import { approvedAndSignedByBoth, drafted, record, terminated } from '../../projections/testing/agreement-fixtures.js';
import { kymenlaaksoEvents, KYMENLAAKSO_AGREEMENT_ID } from '../../test/fixtures/kymenlaakso.js';
import { tempDir } from '../../test/support/temp-dir.js';
import type { AgreementEvent } from '../core/agreement-events.js';
import { ReadModelStore } from './read-model-store.js';

function recorded(events: readonly AgreementEvent[]): RecordedEvent[] {
  return events.map((event, revision) => ({ event, eventId: `e${revision}`, revision, position: String(revision + 1), recordedAt: `2024-01-15T10:00:${String(revision).padStart(2, '0')}Z` }));
}

describe('read-model store', () => {
  const dir = tempDir('read-models');
  afterAll(() => dir.remove());

  it('recomputes a summary when the date it was waiting for arrives (a termination agreed in advance)', async () => {
    const terminated: AgreementEvent = { type: 'AgreementTerminated', data: { effectiveOn: '2030-01-01', reason: 'Korvataan uudella sopimuksella' } };
    const events = recorded([...kymenlaaksoEvents, terminated]);
    const store = new ReadModelStore(dir.path);
    const state = projectAgreement(events);
    const projectionOf = async () => state;
    store.commit([state], events[events.length - 1]!.position, '2029-12-31');

    const inForce = await store.list({ limit: 10, offset: 0, status: 'in-force' }, '2029-12-31', projectionOf);
    expect(inForce.items.map((i) => i.agreementId)).toEqual([KYMENLAAKSO_AGREEMENT_ID]);
    const ended = await store.list({ limit: 10, offset: 0, status: 'terminated' }, '2030-01-01', projectionOf);
    expect(ended).toMatchObject({ total: 1, items: [{ status: 'terminated', inForceVersion: null }] });
    expect(store.checkpoint()).toBe(String(events.length));
    store.close();
  });

  it('recomputes a summary when the term of its version ends: in force on the last day, expired the day after', async () => {
    const store = new ReadModelStore(dir.path, ':memory:');
    const events = record(drafted({ effectiveFrom: '2024-01-01', effectiveUntil: '2025-12-31' }), ...approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20'));
    const state = projectAgreement(events);
    store.commit([state], events[events.length - 1]!.position, '2024-03-01');
    const listed = async (today: string) => (await store.list({ limit: 10, offset: 0 }, today, async () => state)).items[0];
    expect(await listed('2025-12-31')).toMatchObject({ status: 'in-force', inForceVersion: 1 });
    expect(await listed('2026-01-01')).toMatchObject({ status: 'expired', inForceVersion: null });
    expect(await store.list({ limit: 10, offset: 0, status: 'expired' }, '2026-01-01', async () => state)).toMatchObject({ total: 1 });
    store.close();
  });

  it('a refresh that folded an agreement before the runner committed a newer state leaves the newer summary', async () => {
    const store = new ReadModelStore(dir.path, ':memory:');
    const facts = (agreementId: string) => [drafted({ agreementId, effectiveFrom: '2024-03-01' }), ...approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20')];
    const [before, other] = [projectAgreement(record(...facts('a'))), projectAgreement(record(...facts('b')))];
    const after = projectAgreement(record(...facts('a'), terminated('2024-03-01')));
    store.commit([before, other], '10', '2024-02-29');

    // On 1 March both summaries are stale; 'b' is still being folded when the runner commits 'a'.
    let foldedB!: () => void;
    const projectionOf = (id: string) =>
      id === 'a' ? Promise.resolve(before) : new Promise<AgreementProjection>((resolve) => (foldedB = () => resolve(other)));
    const listing = store.list({ limit: 10, offset: 0 }, '2024-03-01', projectionOf);
    store.commit([after], '11', '2024-03-01');
    foldedB();

    expect((await listing).items[0]).toEqual(agreementSummary(after, { asOf: '2024-03-01' }));
    expect((await listing).items.map((item) => item.status)).toEqual(['terminated', 'in-force']);
    store.close();
  });

  it('filters by party and by the parties a clerk may see, and pages', async () => {
    const store = new ReadModelStore(dir.path, 'filters.sqlite');
    const state = projectAgreement(recorded(kymenlaaksoEvents));
    const projectionOf = async () => state;
    store.commit([state], '18', '2024-01-15');
    const partyId = (kymenlaaksoEvents[0]!.data as unknown as { parties: Array<{ partyId: string }> }).parties[2]!.partyId;
    expect((await store.list({ limit: 10, offset: 0, partyId }, '2024-01-15', projectionOf)).total).toBe(1);
    expect((await store.list({ limit: 10, offset: 0, visibleToParty: '1567535-0' }, '2024-01-15', projectionOf)).total).toBe(0);
    expect(await store.list({ limit: 10, offset: 1 }, '2024-01-15', projectionOf)).toEqual({ items: [], total: 1 });
    expect(store.agreementsOfParty(partyId)).toEqual([KYMENLAAKSO_AGREEMENT_ID]);
    store.close();
  });
});

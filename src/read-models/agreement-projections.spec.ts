import type { StoredEvent } from '../event-store/event-store.port.js';
import { projectAgreement, revisionOf } from '../../projections/index.js';
import { approvedAndSignedByBoth, drafted, record } from '../../projections/testing/agreement-fixtures.js';
import { storedEvents } from '../../projections/testing/stored-events.js';
import { AgreementProjections, toRecorded } from './agreement-projections.js';

const stream: StoredEvent[] = storedEvents('agreement-aaa', record(drafted({ agreementId: 'aaa' }), approvedAndSignedByBoth(1, '2024-02-05', '2024-02-20')));

/** A store whose stream reads take the events appended so far at once, and answer only when `answer` is called. */
function lateStore() {
  const reads: Array<() => void> = [];
  let length = 1;
  return {
    store: {
      readStream: (_streamId: string, options: { maxCount?: number } = {}) => {
        const seen = stream.slice(0, Math.min(length, options.maxCount ?? length));
        return new Promise<StoredEvent[]>((resolve) => reads.push(() => resolve(seen)));
      },
    },
    append: (count: number) => (length += count),
    answer: () => reads.shift()!(),
    pending: () => reads.length,
  };
}

/** What the runner stores once it has applied `revision`. */
function runnerStores(projections: AgreementProjections, revision: number): void {
  projections.put('aaa', projectAgreement(stream.slice(0, revision + 1).map(toRecorded)));
}

describe('agreement states in memory', () => {
  it('a query that read the stream before the runner stored a newer state keeps and serves the newer one', async () => {
    const log = lateStore();
    const projections = new AgreementProjections(log.store);
    const query = projections.get('aaa');
    log.append(2);
    runnerStores(projections, 2);
    log.answer();
    expect(revisionOf(await query)).toBe(2);
    expect(revisionOf(projections.peek('aaa')!)).toBe(2);
  });

  it('also when memory dropped the newer state before the read answered', async () => {
    const log = lateStore();
    const projections = new AgreementProjections(log.store, 1);
    const query = projections.get('aaa');
    log.append(2);
    runnerStores(projections, 2);
    projections.put('bbb', projections.peek('aaa')!); // another agreement takes the only place
    expect(projections.peek('aaa')).toBeUndefined();
    log.answer();
    expect(revisionOf(await query)).toBe(2);
  });

  it('never replaces a state with an older one, and queries missing the same agreement share one read', async () => {
    const log = lateStore();
    const projections = new AgreementProjections(log.store);
    const [first, second] = [projections.get('aaa'), projections.get('aaa')];
    expect(log.pending()).toBe(1);
    log.answer();
    expect(await second).toBe(await first);
    log.append(4);
    runnerStores(projections, 4);
    runnerStores(projections, 1);
    expect(revisionOf(projections.peek('aaa')!)).toBe(4);
  });
});

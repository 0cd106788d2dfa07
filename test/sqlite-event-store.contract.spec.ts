import { SqliteEventStore, type GroupCommit } from '../src/event-store/sqlite/sqlite-event-store.js';
import { eventStoreContract } from './event-store.contract.js';
import { encoded } from './support/encoded.js';
import { tempDir } from './support/temp-dir.js';

eventStoreContract('SQLite', () => {
  const dir = tempDir('contract');
  const open = async () => new SqliteEventStore({ file: `${dir.path}/ledger.sqlite`, pollIntervalMs: 20 });
  return { open, reopen: open, cleanup: async () => dir.remove() };
}, { uniqueEventIdsAcrossStreams: true });

describe('SQLite event store: group commit', () => {
  it('commits the appends of one tick in one transaction and tells its listeners the batch size', async () => {
    const dir = tempDir('group-commit');
    const store = new SqliteEventStore({ file: `${dir.path}/ledger.sqlite` });
    const commits: GroupCommit[] = [];
    const stop = store.onGroupCommit((commit) => commits.push(commit));
    try {
      const event = encoded({
        type: 'DecisionRecorded',
        data: { partyId: '0161999-9', body: 'Kotkan kaupunginhallitus', outcome: 'noted', version: 1, decidedOn: '2023-10-02', meeting: { section: '§ 1' } },
      });
      const results = await Promise.allSettled([
        store.append('agreement-aaa', [event, event], { expectedRevision: 'no-stream' }),
        store.append('agreement-bbb', [event], { expectedRevision: 'no-stream' }),
        store.append('agreement-ccc', [event], { expectedRevision: 5n }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      await store.append('agreement-aaa', [event]);
      stop();
      await store.append('agreement-bbb', [event]);
      expect(commits).toEqual([
        { appends: 3, events: 3, seconds: expect.any(Number) },
        { appends: 1, events: 1, seconds: expect.any(Number) },
      ]);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});

import { SqliteEventStore, type GroupCommit } from '../src/event-store/sqlite/sqlite-event-store.js';
import { eventStoreContract } from './event-store.contract.js';
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
      const event = { type: 'Noted', data: {} };
      const results = await Promise.allSettled([
        store.append('agreement-a', [event, event], { expectedRevision: 'no-stream' }),
        store.append('agreement-b', [event], { expectedRevision: 'no-stream' }),
        store.append('agreement-c', [event], { expectedRevision: 5n }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      await store.append('agreement-a', [event]);
      stop();
      await store.append('agreement-b', [event]);
      expect(commits).toEqual([
        { appends: 3, events: 3 },
        { appends: 1, events: 1 },
      ]);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});

import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { eventStoreContract } from './event-store.contract.js';
import { tempDir } from './support/temp-dir.js';

eventStoreContract('SQLite', () => {
  const dir = tempDir('contract');
  const open = async () => new SqliteEventStore({ file: `${dir.path}/ledger.sqlite`, pollIntervalMs: 20 });
  return { open, reopen: open, cleanup: async () => dir.remove() };
}, { uniqueEventIdsAcrossStreams: true });

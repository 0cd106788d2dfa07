import type { LedgerConfig } from '../config/ledger-config.js';
import type { EventStore } from './event-store.port.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export async function openEventStore(store: LedgerConfig['store']): Promise<EventStore> {
  switch (store.kind) {
    case 'sqlite':
      return new SqliteEventStore({ file: store.file });
    case 'postgres': {
      const { PostgresEventStore } = await import('./postgres/postgres-event-store.js');
      return PostgresEventStore.open({ connectionString: store.connectionString });
    }
    case 'eventstoredb': {
      // Loaded only when chosen: the gRPC client is heavy and the embedded store needs none of it.
      const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store.js');
      return EventStoreDbEventStore.fromConnectionString(store.connectionString);
    }
    default: {
      const unknown: never = store;
      throw new Error(`unknown store ${JSON.stringify(unknown)}`);
    }
  }
}

import { EventStoreDbEventStore } from '../src/event-store/eventstoredb/eventstoredb-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

/**
 * The contract against a live EventStoreDB/KurrentDB server, e.g. a single insecure node:
 *   docker run --rm -p 2113:2113 -e EVENTSTORE_INSECURE=true eventstore/eventstore:24.10
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npm run jest -- test/eventstoredb
 * Every test names fresh streams, so runs share the server and nothing needs cleaning up.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIPPED =
  'SKIPPED: EventStoreDB contract — set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it';

if (connectionString) {
  eventStoreContract('EventStoreDB', () => {
    const open = async () => EventStoreDbEventStore.fromConnectionString(connectionString);
    return { open, reopen: open, cleanup: async () => undefined };
  }, { uniqueEventIdsAcrossStreams: false });
} else {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('runs the event store contract against a live server', () => undefined);
  });
}

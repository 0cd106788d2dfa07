/**
 * One of several writer processes on one PostgreSQL log: `callers` concurrent callers (so group
 * commit is in play), each appending `appends` times to a stream of its own at the exact revision,
 * 1 to 3 events per append in turn. Prints `done` once every append is acknowledged.
 */
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { encoded } from '../support/encoded.js';

const [url, label, callersArg, appendsArg] = process.argv.slice(2);
if (!url || !label) throw new Error('usage: postgres-append-child <url> <label> [callers] [appends]');
const callers = Number(callersArg ?? 4);
const appends = Number(appendsArg ?? 50);
const store = await PostgresEventStore.open({ connectionString: url });

async function caller(index: number): Promise<void> {
  const streamId = `agreement-${label}-${index}`;
  let revision: bigint | 'no-stream' = 'no-stream';
  for (let k = 0; k < appends; k++) {
    const events = Array.from({ length: 1 + (k % 3) }, (_, part) =>
      encoded({
        type: 'DecisionRecorded',
        data: { partyId: '0161999-9', body: 'Haminan kaupunginvaltuusto', outcome: 'noted', version: 1, decidedOn: '2023-10-09', meeting: { section: `§ ${k}.${part}` } },
      }),
    );
    revision = (await store.append(streamId, events, { expectedRevision: revision })).nextExpectedRevision;
  }
}

await Promise.all(Array.from({ length: callers }, (_, i) => caller(i)));
await store.close();
process.stdout.write('done\n');

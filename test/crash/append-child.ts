/**
 * Crash-test writer: appends to the SQLite store (a file) or the PostgreSQL store (a postgres://
 * URL) from several concurrent callers (so group commit
 * is in play) until it is killed, printing one line per acknowledged append. Each append is a batch
 * of three events so a half-written append would show.
 */
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { encoded } from '../support/encoded.js';

const [target, callersArg] = process.argv.slice(2);
if (!target) throw new Error('usage: append-child <file | postgres URL> [callers]');
const callers = Number(callersArg ?? 8);
const store = /^postgres(ql)?:\/\//.test(target) ? await PostgresEventStore.open({ connectionString: target }) : new SqliteEventStore({ file: target });

async function caller(index: number): Promise<never> {
  const streamId = `agreement-crash-${process.pid}-${index}`;
  for (let batch = 0; ; batch++) {
    const events = [0, 1, 2].map((part) =>
      encoded(
        {
          type: 'DecisionRecorded',
          data: {
            partyId: '0161999-9',
            body: 'Haminan kaupunginvaltuusto',
            outcome: 'noted',
            version: 1,
            decidedOn: '2023-10-09',
            meeting: { section: `§ ${batch}.${part}`, diaryNumber: 'x'.repeat(100) },
          },
        },
        { eventId: randomUUID() },
      ),
    );
    const result = await store.append(streamId, events);
    process.stdout.write(`${JSON.stringify({ streamId, revision: Number(result.nextExpectedRevision), eventIds: events.map((e) => e.eventId!) })}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: callers }, (_, i) => caller(i)));

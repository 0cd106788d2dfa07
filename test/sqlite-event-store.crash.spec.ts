/**
 * kill -9 at a random moment while many callers append: every acknowledged append must be there
 * after reopening, no append may be half there, and every stream's hash chain must verify.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { verifyChain } from '../src/core/hash-chain.js';
import type { StoredEvent } from '../src/event-store/event-store.port.js';
import { tempDir } from './support/temp-dir.js';
import { encoded } from './support/encoded.js';

interface Ack {
  streamId: string;
  revision: number;
  eventIds: string[];
}

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);

/** Runs the writer until a random moment after its first acknowledgement, then SIGKILLs it. */
function runAndKill(file: string): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/crash/append-child.ts', file, '8'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acks: Ack[] = [];
    let armed = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') return;
      acks.push(JSON.parse(line) as Ack);
      if (!armed) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), 50 + Math.random() * 400);
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ acks, signal }));
  });
}

describe('SQLite store under kill -9', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i: keeps every acknowledged append whole', async () => {
    const dir = tempDir('crash');
    const file = `${dir.path}/ledger.sqlite`;
    try {
      const first = await runAndKill(file);
      const second = await runAndKill(file); // a crash on top of a recovered crash
      expect(first.signal).toBe('SIGKILL');
      expect(second.signal).toBe('SIGKILL');
      const acks = [...first.acks, ...second.acks];
      expect(acks.length).toBeGreaterThan(0);

      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      const store = new SqliteEventStore({ file });
      try {
        const events = await store.readAll();
        const byId = new Map(events.map((e) => [e.eventId, e]));
        for (const ack of acks) {
          ack.eventIds.forEach((id, i) => {
            expect(byId.get(id)).toMatchObject({ streamId: ack.streamId, revision: ack.revision - 2 + i });
          });
        }
        const streams = new Map<string, StoredEvent[]>();
        for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
        for (const [, streamEvents] of streams) {
          expect(streamEvents.length % 3).toBe(0);
          streamEvents.forEach((e, i) => expect((e.data.meeting as { section: string }).section).toMatch(new RegExp(`\\.${i % 3}$`)));
          expect(verifyChain(streamEvents)).toMatchObject({ valid: true });
        }
        // the store still appends after the crash, on an intact chain
        const [streamId, streamEvents] = [...streams][0]!;
        const after = { partyId: '0161999-9', body: 'Haminan kaupunginvaltuusto', outcome: 'noted', version: 1, decidedOn: '2023-10-10', meeting: { section: 'after the crash' } } as const;
        await store.append(streamId, [encoded({ type: 'DecisionRecorded', data: after })], {
          expectedRevision: BigInt(streamEvents.length - 1),
        });
        expect(verifyChain(await store.readStream(streamId)).valid).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      dir.remove();
    }
  });
});

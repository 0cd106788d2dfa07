import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { decideAll } from '../../src/agreements/domain/decide.js';
import type { AgreementCommand } from '../../src/agreements/domain/agreement-commands.js';
import { agreementStreamId } from '../../src/core/stream-names.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { keskiPohjanmaaCommands } from '../fixtures/keski-pohjanmaa.js';
import { kymenlaaksoCommands } from '../fixtures/kymenlaakso.js';
import { encoded } from './encoded.js';

/** The `ledger` command as an auditor runs it: the built CLI in a child process. */
export const ledger = (...args: string[]) => spawnSync(process.execPath, ['bin/ledger.js', ...args], { encoding: 'utf8' });

/** The same, without blocking this process: for commands that talk to a server running in it. */
export function ledgerAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/ledger.js', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject).on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A data directory whose log holds the two fixture agreements, their events decided by `decide`
 * and appended one command at a time, the agreements taking turns so their positions interleave.
 */
export async function writeFixtureLog(dataDir: string): Promise<void> {
  const store = new SqliteEventStore({ file: join(dataDir, 'ledger.sqlite') });
  const streams = [kymenlaaksoCommands(), keskiPohjanmaaCommands()];
  const done = streams.map(() => [] as AgreementCommand[]);
  for (let i = 0; streams.some((commands) => i < commands.length); i++) {
    for (const [s, commands] of streams.entries()) {
      const command = commands[i];
      if (command === undefined) continue;
      const before = decideAll(done[s]!).length;
      done[s]!.push(command);
      const events = decideAll(done[s]!).slice(before);
      if (events.length > 0) await store.append(agreementStreamId(command.data.agreementId), events.map((e) => encoded(e)));
    }
  }
  await store.close();
}

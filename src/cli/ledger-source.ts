import type { Command } from 'commander';
import { agreementStreamId } from '../core/stream-names.js';
import type { StoredEvent } from '../core/stored-event.js';
import { SqliteLogReader } from '../event-store/sqlite/sqlite-log-reader.js';
import type { CliContext } from './cli-context.js';
import { LedgerApi } from './ledger-api.js';

/**
 * Where a command reads a live ledger (API.md "CLI"): the data directory (`--data-dir`, also
 * while the server runs) or a server (`--url URL --token TOKEN`).
 */
export interface RemoteOptions {
  readonly url?: string;
  readonly token?: string;
}

export function withRemoteOptions(command: Command): Command {
  return command
    .option('--url <url>', 'read from a running server instead of the data directory, e.g. https://ledger.example.fi')
    .option('--token <token>', 'with --url: an auditor\'s or admin\'s access token (the whole log: an admin without a region limit)');
}

/** The server named by --url/--token, or undefined to read the data directory. */
export function remoteApi(options: RemoteOptions, ctx: CliContext): LedgerApi | undefined {
  if (options.url === undefined) {
    if (options.token !== undefined) ctx.usage('--token goes with --url');
    return undefined;
  }
  if (options.token === undefined) ctx.usage('--url needs --token');
  if (!/^https?:\/\//.test(options.url)) ctx.usage(`--url ${options.url} is not an http(s) URL`);
  return new LedgerApi(options.url, options.token);
}

/** Stored events in position order, a page at a time: the whole log, or one agreement's stream. */
export async function* ledgerEvents(ctx: CliContext, api: LedgerApi | undefined, agreementId?: string): AsyncGenerator<StoredEvent[]> {
  if (api !== undefined) {
    if (agreementId === undefined) yield* api.logPages();
    else yield await api.agreementEvents(agreementId);
    return;
  }
  const reader = new SqliteLogReader(ctx.logFile);
  try {
    yield* reader.pages(agreementId === undefined ? undefined : agreementStreamId(agreementId));
  } finally {
    reader.close();
  }
}

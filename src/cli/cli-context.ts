import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Command } from 'commander';
import type pg from 'pg';
import { LedgerTokenStore } from '../auth/tokens/ledger-token-store.js';
import { PostgresTokenStore } from '../auth/tokens/postgres-token-store.js';
import type { TokenStore } from '../auth/tokens/token-store.js';
import { ConfigError, loadConfig } from '../config/ledger-config.js';
import { openPostgresState } from '../state/postgres-state.js';
import { openStateDatabase } from '../state/state-database.js';

/** A command's refusal: main prints it (as JSON on stderr with --json) and exits with its code. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** What every command shares: where the data is, how to print, and a clean way to fail. */
export class CliContext {
  private db?: Database.Database;
  private postgres?: pg.Pool;

  constructor(private readonly program: Command) {}

  get json(): boolean {
    return Boolean(this.program.opts<{ json?: boolean }>().json);
  }

  /** --data-dir was given on the command line (not taken from the environment or the default). */
  get dataDirGiven(): boolean {
    return this.program.opts<{ dataDir?: string }>().dataDir !== undefined;
  }

  get dataDir(): string {
    return resolve(this.program.opts<{ dataDir?: string }>().dataDir ?? process.env.LEDGER_DATA_DIR ?? './data');
  }

  /** The log in the data directory, as the server's configuration names it. */
  get logFile(): string {
    return resolve(this.dataDir, 'ledger.sqlite');
  }

  stateDatabase(): Database.Database {
    this.db ??= openStateDatabase(this.dataDir);
    return this.db;
  }

  /** The tokens the server uses: the store's own on PostgreSQL (LEDGER_STORE, LEDGER_POSTGRES_URL as for the server), else state.sqlite. */
  async tokenStore(): Promise<TokenStore> {
    let store;
    try {
      store = loadConfig({ ...process.env, LEDGER_DATA_DIR: this.dataDir }).store;
    } catch (error) {
      if (error instanceof ConfigError) this.fail(error.message);
      throw error;
    }
    if (store.kind !== 'postgres') return new LedgerTokenStore(this.stateDatabase());
    this.postgres ??= openPostgresState(store.connectionString);
    return PostgresTokenStore.open(this.postgres);
  }

  /** One JSON object per call with --json; otherwise the human text. */
  print(json: unknown, human: string): void {
    process.stdout.write(this.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
  }

  /** Exit code 2: a usage error or unreadable input; 1: the data failed verification (API.md "CLI"). */
  fail(message: string, exitCode: 1 | 2 = 2): never {
    throw new CliFailure(message, exitCode);
  }

  /** A usage error or input that cannot be read: exit code 2. */
  usage(message: string): never {
    return this.fail(message, 2);
  }

  async close(): Promise<void> {
    this.db?.close();
    await this.postgres?.end();
  }
}

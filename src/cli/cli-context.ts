import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { Command } from 'commander';
import { openStateDatabase } from '../state/state-database.js';

/** What every command shares: where the data is, how to print, and a clean way to fail. */
export class CliContext {
  private db?: Database.Database;

  constructor(private readonly program: Command) {}

  get json(): boolean {
    return Boolean(this.program.opts<{ json?: boolean }>().json);
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

  /** One JSON object per call with --json; otherwise the human text. */
  print(json: unknown, human: string): void {
    process.stdout.write(this.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
  }

  /** Exit code 1: the data failed verification (or the command could not do what it was asked). */
  fail(message: string): never {
    this.exit(1, message);
  }

  /** Exit code 2: a usage error or input that cannot be read (API.md "CLI"). */
  usage(message: string): never {
    this.exit(2, message);
  }

  private exit(code: number, message: string): never {
    this.close();
    process.stderr.write(`ledger: ${message}\n`);
    process.exit(code);
  }

  close(): void {
    this.db?.close();
  }
}

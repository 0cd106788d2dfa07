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

  stateDatabase(): Database.Database {
    this.db ??= openStateDatabase(this.dataDir);
    return this.db;
  }

  /** One JSON object per call with --json; otherwise the human text. */
  print(json: unknown, human: string): void {
    process.stdout.write(this.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
  }

  fail(message: string): never {
    this.program.error(`ledger: ${message}`, { exitCode: 1 });
  }

  close(): void {
    this.db?.close();
  }
}

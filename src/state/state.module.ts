import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { LedgerConfig } from '../config/ledger-config.js';
import { IDEMPOTENCY_KEYS, IdempotencyStore } from '../idempotency/idempotency-store.js';
import { PostgresIdempotencyStore } from '../idempotency/postgres-idempotency-store.js';
import { openPostgresState } from './postgres-state.js';
import { openStateDatabase } from './state-database.js';

export const STATE_DB = Symbol('StateDatabase');
/** The PostgreSQL store's database for the instances' shared state, or null on another store. */
export const STATE_POSTGRES = Symbol('StatePostgres');

@Injectable()
class StateDatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(STATE_DB) private readonly db: Database.Database,
    @Inject(STATE_POSTGRES) private readonly postgres: pg.Pool | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.db.close();
    await this.postgres?.end();
  }
}

@Module({})
export class StateModule {
  static forRoot(dataDir: string, store?: LedgerConfig['store']): DynamicModule {
    return {
      module: StateModule,
      global: true,
      providers: [
        { provide: STATE_DB, useFactory: () => openStateDatabase(dataDir) },
        { provide: STATE_POSTGRES, useFactory: () => (store?.kind === 'postgres' ? openPostgresState(store.connectionString) : null) },
        {
          provide: IDEMPOTENCY_KEYS,
          useFactory: (db: Database.Database, postgres: pg.Pool | null) => (postgres ? PostgresIdempotencyStore.open(postgres) : new IdempotencyStore(db)),
          inject: [STATE_DB, STATE_POSTGRES],
        },
        StateDatabaseLifecycle,
      ],
      exports: [STATE_DB, STATE_POSTGRES, IDEMPOTENCY_KEYS],
    };
  }
}

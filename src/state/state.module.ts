import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { openStateDatabase } from './state-database.js';

export const STATE_DB = Symbol('StateDatabase');

@Injectable()
class StateDatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(STATE_DB) private readonly db: Database.Database) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}

@Module({})
export class StateModule {
  static forRoot(dataDir: string): DynamicModule {
    return {
      module: StateModule,
      global: true,
      providers: [{ provide: STATE_DB, useFactory: () => openStateDatabase(dataDir) }, StateDatabaseLifecycle],
      exports: [STATE_DB],
    };
  }
}

import { Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { STATE_DB, STATE_POSTGRES } from '../state/state.module.js';
import { CALENDAR_FEED_STORE, SqliteCalendarFeedStore } from './calendar-feed-store.js';
import { PostgresCalendarFeedStore } from './postgres-calendar-feed-store.js';
import { CalendarFeedsController } from './calendar-feeds.controller.js';
import { CalendarController } from './calendar.controller.js';

/** Calendar feeds of the obligations due (API.md "Calendar feeds"). */
@Module({
  controllers: [CalendarFeedsController, CalendarController],
  providers: [
    {
      provide: CALENDAR_FEED_STORE,
      useFactory: (db: Database.Database, postgres: pg.Pool | null) => (postgres ? PostgresCalendarFeedStore.open(postgres) : new SqliteCalendarFeedStore(db)),
      inject: [STATE_DB, STATE_POSTGRES],
    },
  ],
})
export class CalendarModule {}

import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { OptionalField } from '../http/validators.js';
import { CALENDAR_FEED_STORE, type CalendarFeed, type CalendarFeedStore } from './calendar-feed-store.js';

export class CreateCalendarFeedRequest {
  @OptionalField() @IsString() @IsNotEmpty() @MaxLength(200)
  description?: string;
}

/** A principal's own calendar feeds: any role may keep some, and sees and revokes only its own. */
@Controller('calendar-feeds')
export class CalendarFeedsController {
  constructor(@Inject(CALENDAR_FEED_STORE) private readonly feeds: CalendarFeedStore) {}

  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCalendarFeedRequest): Promise<{ feedId: string; url: string; createdAt: string }> {
    const { feedToken, feed } = await this.feeds.create(principal, body.description);
    return { feedId: feed.feedId, url: `/api/calendar/${feedToken}.ics`, createdAt: feed.createdAt };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: CalendarFeed[]; total: number }> {
    const items = await this.feeds.listOf(principal);
    return { items, total: items.length };
  }

  @Delete(':feedId')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('feedId') feedId: string): Promise<void> {
    if (!(await this.feeds.revoke(principal, feedId))) throw new NotFoundException(`no calendar feed ${feedId}`);
  }
}

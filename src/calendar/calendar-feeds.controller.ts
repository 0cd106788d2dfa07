import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger-config.js';
import { IsPartyId, IsSingleLine, NormalisedName, OptionalField } from '../http/validators.js';
import { CALENDAR_FEED_STORE, type CalendarFeed, type CalendarFeedStore } from './calendar-feed-store.js';

/** API.md "Calendar feeds": a label, and what the feed narrows the owner's duties to. */
export class CreateCalendarFeedRequest {
  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(200)
  name?: string;

  /** Compared with the stored, normalised region, as the obligations list does. */
  @OptionalField() @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(200)
  region?: string;

  @OptionalField() @IsPartyId()
  partyId?: string;
}

export interface CreatedCalendarFeed extends CalendarFeed {
  readonly feedToken: string;
  readonly url: string;
}

/** A principal's own calendar feeds: any role may keep some, and sees and revokes only its own. */
@Controller('calendar-feeds')
export class CalendarFeedsController {
  constructor(
    @Inject(CALENDAR_FEED_STORE) private readonly feeds: CalendarFeedStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateCalendarFeedRequest, @Req() request: FastifyRequest): Promise<CreatedCalendarFeed> {
    const { feedToken, feed } = await this.feeds.create(principal, { name: body.name ?? null, region: body.region ?? null, partyId: body.partyId ?? null });
    // A calendar client subscribes to a whole URL: behind a TLS proxy only LEDGER_PUBLIC_URL knows its origin.
    const origin = this.config.publicUrl ?? `${request.protocol}://${request.headers.host}`;
    return { ...feed, feedToken, url: `${origin}/api/calendar/${feedToken}.ics` };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: CalendarFeed[]; total: number }> {
    const items = await this.feeds.listOf(principal);
    return { items, total: items.length };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    if (!(await this.feeds.revoke(principal, id))) throw new NotFoundException(`no calendar feed ${id}`);
  }
}

import { Controller, Get, Header, Inject, NotFoundException, Param } from '@nestjs/common';
import { Public } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { TOKEN_STORE, type TokenStore } from '../auth/tokens/token-store.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger-config.js';
import { ObligationQueries } from '../read-models/obligation-queries.js';
import { CALENDAR_FEED_STORE, type CalendarFeedStore } from './calendar-feed-store.js';
import { calendarFile } from './calendar-file.js';

/**
 * The feed itself. Calendar clients send no Authorization header, so the token in the URL is the
 * credential (the global per-address rate limit still applies); the feed answers as the principal
 * that made it would, and stops when that principal's ledger token is revoked or expires.
 */
@Public()
@Controller('calendar')
export class CalendarController {
  constructor(
    @Inject(CALENDAR_FEED_STORE) private readonly feeds: CalendarFeedStore,
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly obligations: ObligationQueries,
  ) {}

  @Get(':feedFile')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  async feed(@Param('feedFile') feedFile: string): Promise<string> {
    const feedToken = feedFile.endsWith('.ics') ? feedFile.slice(0, -'.ics'.length) : undefined;
    const opened = feedToken === undefined ? undefined : await this.feeds.open(feedToken);
    if (!opened || !(await this.stillValid(opened.owner))) throw new NotFoundException('no such calendar feed');
    const { owner, feed } = opened;
    // A clerk's calendar holds its own party's duties (and those it convenes) unless the feed names another party.
    const partyId = feed.partyId ?? (owner.role === 'clerk' ? owner.partyId : undefined);
    const { items } = await this.obligations.list(owner, {
      limit: Number.MAX_SAFE_INTEGER,
      offset: 0,
      ...(feed.region !== null && { region: feed.region }),
      ...(partyId !== undefined && { partyId }),
    });
    return calendarFile(
      items.filter((row) => row.status === 'due'),
      this.config.publicUrl,
    );
  }

  /** A ledger token's principal lives as long as its token; an OIDC principal has no token to ask about. */
  private async stillValid(principal: Principal): Promise<boolean> {
    if (principal.authenticatedBy !== 'ledger-token') return true;
    const token = await this.tokens.get(principal.id.replace(/^token:/, ''));
    return token !== undefined && token.revokedAt === undefined && (token.expiresAt === undefined || new Date(token.expiresAt) > new Date());
  }
}

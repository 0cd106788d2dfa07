import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsAgreementId, IsPartyId, IsSingleLine, OptionalField } from '../../http/validators.js';
import { EVENT_TYPE_PATTERN } from '../webhook-messages.js';

export class CreateWebhookRequest {
  /** Any http(s) URL here; whether it may be reached is the SSRF guard's call (422 naming the reason). */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  @IsString()
  url!: string;

  @OptionalField() @IsArray() @ArrayMaxSize(100)
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'each of eventTypes must be an event type such as decision.recorded, or a wildcard such as agreement.*' })
  eventTypes?: string[];

  @OptionalField() @IsAgreementId()
  agreementId?: string;

  @OptionalField() @IsPartyId()
  partyId?: string;

  @OptionalField() @IsSingleLine() @MaxLength(500) @IsString()
  description?: string;

  @OptionalField() @IsIn(['v1', 'v1a'])
  signing?: 'v1' | 'v1a';
}

export class RecoverWebhookRequest {
  /** Failed messages created at or after this instant are queued again. */
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 timestamp' })
  since!: string;
}

export class ListDeliveriesQuery {
  @IsOptional() @IsIn(['pending', 'delivered', 'failed'])
  status?: 'pending' | 'delivered' | 'failed';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}

export class ListWebhooksQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}

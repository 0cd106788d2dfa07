import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsPartyId, NormalisedName } from '../http/validators.js';

/** `?lang=` is read by every page (page-context.ts); an unknown one is ignored, not refused. */
class LanguageQuery {
  @IsOptional() @IsString() @MaxLength(8)
  lang?: string;
}

export class ListPageQuery extends LanguageQuery {
  @IsOptional() @NormalisedName() @IsString() @MaxLength(200)
  region?: string;

  @IsOptional() @IsIn(['in-force', 'pending', 'expired', 'terminated'])
  status?: 'in-force' | 'pending' | 'expired' | 'terminated';

  @IsOptional() @IsPartyId()
  partyId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}

export class AgreementPageQuery extends LanguageQuery {
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}

export class PartyPageQuery extends LanguageQuery {}

export class RegionObligationsPageQuery extends LanguageQuery {
  @IsOptional() @IsIn(['met', 'due', 'overdue'])
  status?: 'met' | 'due' | 'overdue';
}

export class SignInPageQuery extends LanguageQuery {
  @IsOptional() @IsString() @MaxLength(2000)
  next?: string;
}

export class SignInForm {
  /** Any string: whether it is a credential is the authenticator's to say, and the page's to report. */
  @IsString() @MaxLength(8192)
  token!: string;

  @IsString() @MaxLength(200)
  _csrf!: string;

  @IsOptional() @IsString() @MaxLength(2000)
  next?: string;
}

export class SignOutForm {
  @IsString() @MaxLength(200)
  _csrf!: string;
}

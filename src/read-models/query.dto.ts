import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsPartyId, NormalisedName } from '../http/validators.js';

export class ListAgreementsQuery {
  /** Compared with the stored, normalised region: "Kymenlaakso " finds Kymenlaakso. */
  @IsOptional() @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(200)
  region?: string;

  @IsOptional() @IsIn(['in-force', 'pending', 'expired', 'terminated'])
  status?: 'in-force' | 'pending' | 'expired' | 'terminated';

  @IsOptional() @IsPartyId()
  partyId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  /** Bounded so it stays an integer SQLite can bind (a larger one would be a 500, not a 400). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;

  @IsOptional() @IsString()
  minPosition?: string;
}

export class ListObligationsQuery {
  /** Compared with the stored, normalised region. */
  @IsOptional() @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(200)
  region?: string;

  @IsOptional() @IsIn(['met', 'due', 'overdue'])
  status?: 'met' | 'due' | 'overdue';

  /** The party's rows and those of the obligations it convenes. */
  @IsOptional() @IsPartyId()
  partyId?: string;

  @IsOptional() @IsCalendarDate()
  asOf?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64)
  knownAt?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;

  @IsOptional() @IsString()
  minPosition?: string;
}

export class MinPositionQuery {
  @IsOptional() @IsString()
  minPosition?: string;
}

/** `GET /api/events`: a page of the whole log after a position. */
export class LogPageQuery {
  /** Exclusive: the last position of the page before (the `next` link gives it). Absent = from the start. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64)
  after?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  limit?: number;
}

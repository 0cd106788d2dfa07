import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class CheckpointQuery {
  /** Wait (≤ 5 s, then 503) until a signed checkpoint covers this log position. */
  @IsOptional() @IsString()
  minPosition?: string;
}

export class CheckpointListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}

export class InclusionProofQuery {
  @IsString() @IsNotEmpty() @MaxLength(64)
  eventId!: string;

  /** Default: the latest checkpoint's size. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  treeSize?: number;

  /** Wait (≤ 5 s, then 503) until the ledger tree holds this log position. */
  @IsOptional() @IsString()
  minPosition?: string;
}

export class ConsistencyProofQuery {
  @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  /** Default: the latest checkpoint's size. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  to?: number;
}

/** A 400 problem naming the query field, as the validation pipe writes them. */
export function fieldProblem(field: string, message: string): BadRequestException {
  return new BadRequestException({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: `The request is not valid: ${field}: ${message}`,
    errors: [{ field, message }],
  });
}

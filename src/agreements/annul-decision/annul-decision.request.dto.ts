import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsPartyId, IsSingleLine } from '../../http/validators.js';

export class AnnulDecisionRequest {
  @IsPartyId()
  partyId!: string;

  @IsInt() @Min(1)
  version!: number;

  /** The date of the decision being annulled. */
  @IsCalendarDate()
  decidedOn!: string;

  @IsCalendarDate()
  annulledOn!: string;

  /** e.g. "Itä-Suomen hallinto-oikeus" */
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(200)
  authority!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;
}

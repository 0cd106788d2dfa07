import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsSingleLine, OptionalField } from '../../http/validators.js';

export class ReverseAnnulmentRequest {
  /** From this day the annulled decision counts again. */
  @IsCalendarDate()
  reversedOn!: string;

  /** e.g. "Korkein hallinto-oikeus" */
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(200)
  authority!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;

  /** e.g. "KHO 2024:77"; opaque. */
  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(100)
  caseNumber?: string;
}

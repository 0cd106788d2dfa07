import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsEventId, IsSingleLine, OptionalField } from '../../http/validators.js';

export class LodgeAppealRequest {
  /** The eventId of the appealed decision. */
  @IsEventId()
  decisionId!: string;

  @IsCalendarDate()
  lodgedOn!: string;

  /** e.g. "Itä-Suomen hallinto-oikeus", or the body a rectification request goes to */
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(200)
  authority!: string;

  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(100)
  caseNumber?: string;
}

import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsEventId, IsSingleLine, OptionalField } from '../../http/validators.js';

export class AnnulDecisionRequest {
  /** The eventId of the annulled decision: a command response's eventId, or Version.decisions[].decisionId. */
  @IsEventId()
  decisionId!: string;

  @IsCalendarDate()
  annulledOn!: string;

  /** e.g. "Itä-Suomen hallinto-oikeus" */
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(200)
  authority!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;

  /** The authority's own case number, e.g. "H 1234/2024"; opaque. */
  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(100)
  caseNumber?: string;
}

import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsSingleLine, OptionalField } from '../../http/validators.js';

/** What an annulment and its reversal both say of the court that ruled. */
export abstract class CourtRulingFields {
  /** e.g. "Itä-Suomen hallinto-oikeus", "Korkein hallinto-oikeus" */
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(200)
  authority!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;

  /** The authority's own case number, e.g. "H 1234/2024" or "KHO 2024:77"; opaque. */
  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(100)
  caseNumber?: string;
}

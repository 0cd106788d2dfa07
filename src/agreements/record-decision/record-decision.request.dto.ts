import { IsIn, IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import type { DecisionOutcome } from '../../core/agreement-events.js';
import { MeetingDto } from '../http/dto/agreement-parts.dto.js';
import { IsCalendarDate, IsPartyId, NestedObject, NormalisedName, OptionalField } from '../../http/validators.js';

export const DECISION_OUTCOMES: readonly DecisionOutcome[] = ['approved', 'approved-amended', 'rejected', 'noted', 'proposed', 'returned', 'tabled'];

/** A party body's decision (`partyId` and `body`) or a joint body's (`jointBody`): exactly one of the two, else 422. */
export class RecordDecisionRequest {
  @OptionalField() @IsPartyId()
  partyId?: string;

  /** The party's deciding body, e.g. "Kotkan kaupunginvaltuusto" or "Kotkan kaupunginhallitus". */
  @OptionalField() @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(200)
  body?: string;

  /** One of the version's joint bodies, e.g. "Keski-Pohjanmaan alueneuvottelukunta" (admins only). */
  @OptionalField() @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(200)
  jointBody?: string;

  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  @IsInt() @Min(1)
  version!: number;

  @IsCalendarDate()
  decidedOn!: string;

  @NestedObject(() => MeetingDto)
  meeting!: MeetingDto;
}

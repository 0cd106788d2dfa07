import { IsIn, IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import type { DecisionOutcome } from '../../core/agreement-events.js';
import { MeetingDto } from '../http/dto/agreement-parts.dto.js';
import { IsCalendarDate, IsPartyId, NestedObject, NormalisedName } from '../../http/validators.js';

export const DECISION_OUTCOMES: readonly DecisionOutcome[] = ['approved', 'approved-amended', 'rejected', 'noted', 'proposed', 'returned', 'tabled'];

export class RecordDecisionRequest {
  @IsPartyId()
  partyId!: string;

  /** The deciding body, e.g. "Kotkan kaupunginvaltuusto" or "Kotkan kaupunginhallitus". */
  @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(200)
  body!: string;

  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  @IsInt() @Min(1)
  version!: number;

  @IsCalendarDate()
  decidedOn!: string;

  @NestedObject(() => MeetingDto)
  meeting!: MeetingDto;
}

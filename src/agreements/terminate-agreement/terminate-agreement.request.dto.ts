import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsAgreementId, IsCalendarDate, OptionalField } from '../../http/validators.js';

export class TerminateAgreementRequest {
  /** May lie ahead: a termination can be agreed in advance. */
  @IsCalendarDate()
  effectiveOn!: string;

  @IsString() @IsNotEmpty() @MaxLength(2000)
  reason!: string;

  /** The agreement that replaces this one, if any. */
  @OptionalField() @IsAgreementId()
  supersededBy?: string;
}

import { IsIn, IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import type { SignatureMethod } from '../../core/agreement-events.js';
import { SIGNATURE_METHODS, SignatoryDto } from '../http/dto/agreement-parts.dto.js';
import { IsCalendarDate, IsPartyId, NestedObject, OptionalField } from '../../http/validators.js';

export class SignAgreementRequest {
  @IsPartyId()
  partyId!: string;

  @IsInt() @Min(1)
  version!: number;

  @NestedObject(() => SignatoryDto)
  signatory!: SignatoryDto;

  @IsCalendarDate()
  signedOn!: string;

  @IsIn(SIGNATURE_METHODS)
  method!: SignatureMethod;

  /** e.g. the e-signature service's transaction id, or where the signed paper is archived. */
  @OptionalField() @IsString() @IsNotEmpty() @MaxLength(2000)
  evidence?: string;
}

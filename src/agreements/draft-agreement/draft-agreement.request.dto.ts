import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { AgreementKind } from '../../core/agreement-events.js';
import { AnnexDto, DocumentDto, PartyDto } from '../http/dto/agreement-parts.dto.js';
import { IsAgreementId, IsCalendarDate } from '../http/dto/validators.js';

export const AGREEMENT_KINDS: readonly AgreementKind[] = ['strategic-cooperation', 'framework', 'interface', 'other'];

export class DraftAgreementRequest {
  /** Generated when absent. */
  @IsOptional() @IsAgreementId()
  agreementId?: string;

  @IsString() @IsNotEmpty() @MaxLength(500)
  title!: string;

  /** e.g. "Kymenlaakso" */
  @IsString() @IsNotEmpty() @MaxLength(100)
  region!: string;

  @IsIn(AGREEMENT_KINDS)
  kind!: AgreementKind;

  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PartyDto)
  parties!: PartyDto[];

  @ValidateNested() @Type(() => DocumentDto)
  document!: DocumentDto;

  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => AnnexDto)
  annexes!: AnnexDto[];

  @IsOptional() @IsCalendarDate()
  effectiveFrom?: string;
}

import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { AmendmentChange } from '../../core/agreement-events.js';
import { ANNEX_ID_PATTERN, AnnexDto, PartyDto } from '../http/dto/agreement-parts.dto.js';
import { IsPartyId, IsSha256 } from '../http/dto/validators.js';

const OPS = ['amend-annex', 'add-annex', 'remove-annex', 'revise-document', 'add-party', 'remove-party'] as const;
const annexIdMessage = { message: 'annexId must be 1–32 letters, digits or dashes' };

/** What an unknown `op` is read as: only `op` is allowed, and it must be one of the six. */
export class AmendmentChangeDto {
  @IsIn(OPS)
  op!: (typeof OPS)[number];
}

export class AmendAnnexChange extends AmendmentChangeDto {
  @Matches(ANNEX_ID_PATTERN, annexIdMessage)
  annexId!: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  title?: string;

  @IsSha256()
  sha256!: string;
}

/** An annex added by an amendment is validated exactly as one in a draft. */
export class AddAnnexChange extends AnnexDto {
  @IsIn(['add-annex'])
  op!: 'add-annex';
}

export class RemoveAnnexChange extends AmendmentChangeDto {
  @Matches(ANNEX_ID_PATTERN, annexIdMessage)
  annexId!: string;
}

export class ReviseDocumentChange extends AmendmentChangeDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  title?: string;

  @IsSha256()
  sha256!: string;
}

export class AddPartyChange extends AmendmentChangeDto {
  @ValidateNested() @Type(() => PartyDto)
  party!: PartyDto;
}

export class RemovePartyChange extends AmendmentChangeDto {
  @IsPartyId()
  partyId!: string;
}

/** The validated DTO as the domain's plain change (class instances never reach events). */
export function toAmendmentChange(change: AmendmentChangeDto): AmendmentChange {
  return JSON.parse(JSON.stringify(change)) as AmendmentChange;
}

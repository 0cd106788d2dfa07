import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { AmendmentChange } from '../../core/agreement-events.js';
import type { CompetentBodyKind } from '../../core/agreement-events.js';
import { AnnexDto, COMPETENT_BODY_KINDS, IsAnnexId, IsName, IsNameList, IsObligationId, JointBodyDto, ObligationDto, PartyDto } from '../http/dto/agreement-parts.dto.js';
import { ClearableField, IsClearableDate, IsPartyId, IsPartyIdList, IsSha256, IsSingleLine, NestedObject, OptionalField } from '../../http/validators.js';

const OPS = [
  'amend-annex',
  'add-annex',
  'remove-annex',
  'revise-document',
  'add-party',
  'remove-party',
  'revise-party',
  'add-joint-body',
  'remove-joint-body',
  'revise-term',
  'add-obligation',
  'revise-obligation',
  'remove-obligation',
] as const;
type Op = (typeof OPS)[number];

/** What an unknown `op` is read as: only `op` is allowed, and it must be one of OPS. */
export class AmendmentChangeDto {
  @IsIn(OPS)
  op!: Op;
}

export class AmendAnnexChange extends AmendmentChangeDto {
  @IsAnnexId()
  annexId!: string;

  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
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
  @IsAnnexId()
  annexId!: string;
}

export class ReviseDocumentChange extends AmendmentChangeDto {
  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  title?: string;

  @IsSha256()
  sha256!: string;
}

export class AddPartyChange extends AmendmentChangeDto {
  @NestedObject(() => PartyDto)
  party!: PartyDto;
}

export class RemovePartyChange extends AmendmentChangeDto {
  @IsPartyId()
  partyId!: string;
}

/** A party's name or bodies: the fields given replace the party's, an empty list clears one. */
export class RevisePartyChange extends AmendmentChangeDto {
  @IsPartyId()
  partyId!: string;

  @OptionalField() @IsName()
  name?: string;

  @OptionalField() @IsName()
  competentBody?: string;

  @OptionalField() @IsIn(COMPETENT_BODY_KINDS)
  competentBodyKind?: CompetentBodyKind;

  @OptionalField() @IsNameList()
  bodyAliases?: string[];

  @OptionalField() @IsNameList()
  otherBodies?: string[];
}

export class AddJointBodyChange extends AmendmentChangeDto {
  @NestedObject(() => JointBodyDto)
  jointBody!: JointBodyDto;
}

/** Its decisions stay in the history of the versions that listed it. */
export class RemoveJointBodyChange extends AmendmentChangeDto {
  @IsName()
  name!: string;
}

/** The version's term: a field left out keeps the base version's date, null clears it. */
export class ReviseTermChange extends AmendmentChangeDto {
  @OptionalField() @IsClearableDate()
  effectiveFrom?: string | null;

  @OptionalField() @IsClearableDate()
  effectiveUntil?: string | null;
}

export class AddObligationChange extends AmendmentChangeDto {
  @NestedObject(() => ObligationDto)
  obligation!: ObligationDto;
}

/** An obligation's fields: a field left out stays, null clears it; recurrence and participation never change. */
export class ReviseObligationChange extends AmendmentChangeDto {
  @IsObligationId()
  obligationId!: string;

  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  title?: string;

  @ClearableField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  legalBasis?: string | null;

  @ClearableField() @IsPartyId()
  convener?: string | null;

  @OptionalField() @IsClearableDate()
  dueBy?: string | null;

  @ClearableField() @IsPartyIdList()
  withParties?: string[] | null;
}

export class RemoveObligationChange extends AmendmentChangeDto {
  @IsObligationId()
  obligationId!: string;
}

/** The class each `op` is validated as; OpenAPI lists the same classes. */
export const CHANGE_CLASSES: Readonly<Record<Op, new () => AmendmentChangeDto | AddAnnexChange>> = {
  'amend-annex': AmendAnnexChange,
  'add-annex': AddAnnexChange,
  'remove-annex': RemoveAnnexChange,
  'revise-document': ReviseDocumentChange,
  'add-party': AddPartyChange,
  'remove-party': RemovePartyChange,
  'revise-party': RevisePartyChange,
  'add-joint-body': AddJointBodyChange,
  'remove-joint-body': RemoveJointBodyChange,
  'revise-term': ReviseTermChange,
  'add-obligation': AddObligationChange,
  'revise-obligation': ReviseObligationChange,
  'remove-obligation': RemoveObligationChange,
};

/** A change is read by its `op`; an unknown or missing op is read as the base, which refuses it. */
export function changeClassOf(change: Record<string, unknown>): new () => object {
  const op = change.op;
  return typeof op === 'string' && Object.hasOwn(CHANGE_CLASSES, op) ? CHANGE_CLASSES[op as Op] : AmendmentChangeDto;
}

/** The validated DTO as the domain's plain change (class instances never reach events). */
export function toAmendmentChange(change: AmendmentChangeDto): AmendmentChange {
  return JSON.parse(JSON.stringify(change)) as AmendmentChange;
}

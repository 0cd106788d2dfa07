import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import type { CompetentBodyKind, ForceRule, Participation, PartyKind, Recurrence, SignatureMethod } from '../../../core/agreement-events.js';
import { normaliseName } from '../../../core/text-formats.js';
import { IsCalendarDate, IsPartyId, IsPartyIdList, IsSha256, IsSingleLine, NormalisedName, OptionalField, IsHttpUrl } from '../../../http/validators.js';

export const PARTY_KINDS: readonly PartyKind[] = ['municipality', 'wellbeing-services-county', 'regional-council', 'other'];
export const COMPETENT_BODY_KINDS: readonly CompetentBodyKind[] = ['council', 'board', 'other'];
export const ANNEX_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;

export const IsAnnexId = (): PropertyDecorator =>
  applyDecorators(NormalisedName(), Matches(ANNEX_ID_PATTERN, { message: 'annexId must be 1–32 letters, digits or dashes, e.g. "B" or "liite-2"' }));

/** A name people read and the ledger compares (party, body, signatory): normalised, one line, 1–200 characters. */
export const IsName = (): PropertyDecorator => applyDecorators(NormalisedName(), IsString(), IsNotEmpty(), MaxLength(200));

/** A list of body names (0–50), each one normalised as a name is. */
export const IsNameList = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? normaliseName(item) : item)) : value)),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(200, { each: true }),
  );

export class PartyDto {
  @IsPartyId()
  partyId!: string;

  @IsName()
  name!: string;

  @IsIn(PARTY_KINDS)
  kind!: PartyKind;

  /** The body whose decision binds the party, e.g. "Kotkan kaupunginvaltuusto". */
  @IsName()
  competentBody!: string;

  /** council (the default) or board or other: sets the appeal window of its decisions. */
  @OptionalField() @IsIn(COMPETENT_BODY_KINDS)
  competentBodyKind?: CompetentBodyKind;

  /** Other official names of the competent body, e.g. "Kotka stadsfullmäktige". */
  @OptionalField() @IsNameList()
  bodyAliases?: string[];

  /** Bodies whose decisions are recorded but never bind the party, e.g. "Kotkan kaupunginhallitus". */
  @OptionalField() @IsNameList()
  otherBodies?: string[];
}

/** A body of several parties that belongs to none of them; its decisions never count. */
export class JointBodyDto {
  /** e.g. "Keski-Pohjanmaan alueneuvottelukunta"; unique in the version, compared as body names are. */
  @IsName()
  name!: string;

  /** Parties of the version, at least two. */
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(1000) @IsPartyId({ each: true })
  members!: string[];
}

export class DocumentDto {
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  title!: string;

  @IsSha256()
  sha256!: string;
}

export class AnnexDto {
  @IsAnnexId()
  annexId!: string;

  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  title!: string;

  @IsSha256()
  sha256!: string;

  @OptionalField() @IsIn(['public', 'confidential'])
  publicity?: 'public' | 'confidential';

  /** Required for a confidential annex, e.g. "JulkL 621/1999 24 § 1 mom. 8 k.". */
  @ValidateIf((annex: AnnexDto) => annex.publicity === 'confidential' || annex.legalBasis !== undefined)
  @IsString() @IsNotEmpty({ message: 'legalBasis is required for a confidential annex' }) @MaxLength(500)
  legalBasis?: string;
}

export class MeetingDto {
  /** e.g. "§ 160" */
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(50)
  section!: string;

  /** Opaque: formats differ by case-management system, e.g. "626/00.04.01/2023". */
  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(100)
  diaryNumber?: string;

  @OptionalField() @IsHttpUrl() @MaxLength(2000)
  minutesUrl?: string;

  /** The day the minutes were published online: the appeal window runs from it. */
  @OptionalField() @IsCalendarDate()
  minutesPublishedOn?: string;
}

export class SignatoryDto {
  @IsName()
  name!: string;

  /** e.g. "kaupunginjohtaja" */
  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(200)
  title!: string;
}

export const SIGNATURE_METHODS: readonly SignatureMethod[] = ['handwritten', 'electronic'];

export const FORCE_RULE_KINDS: readonly ForceRule['kind'][] = ['all-parties', 'hub-and-spoke'];

/** `{kind: 'all-parties'}` or `{kind: 'hub-and-spoke', hub}`: the hub only, and always, with hub-and-spoke. */
export class ForceRuleDto {
  @IsIn(FORCE_RULE_KINDS)
  kind!: ForceRule['kind'];

  /** The party every spoke is bound with, e.g. the wellbeing services county. */
  @ValidateIf((rule: ForceRuleDto) => rule.kind === 'hub-and-spoke' || rule.hub !== undefined)
  @ValidateBy({
    name: 'hubOnlyWithHubAndSpoke',
    validator: { validate: (_hub, args) => (args?.object as ForceRuleDto).kind === 'hub-and-spoke', defaultMessage: () => 'hub is given only with kind hub-and-spoke' },
  })
  @IsPartyId()
  hub?: string;
}

export const RECURRENCES: readonly Recurrence[] = ['council-term', 'annual', 'once'];
export const PARTICIPATIONS: readonly Participation[] = ['each-party', 'joint'];

export const IsObligationId = (): PropertyDecorator =>
  applyDecorators(NormalisedName(), Matches(ANNEX_ID_PATTERN, { message: 'obligationId must be 1–32 letters, digits or dashes, e.g. "council-term-negotiation"' }));

/** A duty the agreement puts on its parties (DESIGN.md "Obligation"). */
export class ObligationDto {
  @IsObligationId()
  obligationId!: string;

  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  title!: string;

  /** e.g. "Laki hyvinvointialueesta 611/2021 14 §" */
  @OptionalField() @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  legalBasis?: string;

  @IsIn(RECURRENCES)
  recurrence!: Recurrence;

  @IsIn(PARTICIPATIONS)
  participation!: Participation;

  @OptionalField() @IsPartyId()
  convener?: string;

  /** The last day of a 'once' obligation. */
  @OptionalField() @IsCalendarDate()
  dueBy?: string;

  /** The parties it concerns besides the convener; left out, every party of the version. */
  @OptionalField() @IsPartyIdList()
  withParties?: string[];
}

import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { AgreementKind } from '../../core/agreement-events.js';
import { AnnexDto, DocumentDto, ForceRuleDto, JointBodyDto, ObligationDto, PartyDto } from '../http/dto/agreement-parts.dto.js';
import { IsAgreementId, IsCalendarDate, IsSingleLine, NestedArray, NestedObject, NormalisedName, OptionalField } from '../../http/validators.js';

export const AGREEMENT_KINDS: readonly AgreementKind[] = ['strategic-cooperation', 'framework', 'interface', 'cooperation-model', 'other'];

export class DraftAgreementRequest {
  /** Generated when absent. */
  @OptionalField() @IsAgreementId()
  agreementId?: string;

  @IsString() @IsNotEmpty() @IsSingleLine() @MaxLength(500)
  title!: string;

  /** e.g. "Kymenlaakso"; compared with a region admin's region, so normalised. */
  @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(100)
  region!: string;

  @IsIn(AGREEMENT_KINDS)
  kind!: AgreementKind;

  @NestedArray(() => PartyDto, { min: 2, max: 500 })
  parties!: PartyDto[];

  @NestedObject(() => DocumentDto)
  document!: DocumentDto;

  @NestedArray(() => AnnexDto, { max: 200 })
  annexes!: AnnexDto[];

  /** The first day version 1 may be in force. */
  @OptionalField() @IsCalendarDate()
  effectiveFrom?: string;

  /** The last day version 1 may be in force (a fixed-term agreement); not before effectiveFrom. */
  @OptionalField() @IsCalendarDate()
  effectiveUntil?: string;

  /** Who must approve and sign: every party (the default), or the hub with each spoke. */
  @OptionalField() @NestedObject(() => ForceRuleDto)
  forceRule?: ForceRuleDto;

  /** The framework agreement, of the same region, that this one becomes part of. */
  @OptionalField() @IsAgreementId()
  partOf?: string;
  /** Bodies of several parties that belong to none of them, e.g. the regional negotiation committee. */
  @OptionalField() @NestedArray(() => JointBodyDto, { max: 100 })
  jointBodies?: JointBodyDto[];

  /** Duties that recur or fall due (DESIGN.md "Obligation"); ids unique in the version. */
  @OptionalField() @NestedArray(() => ObligationDto, { max: 200 })
  obligations?: ObligationDto[];
}

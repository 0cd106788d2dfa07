import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  AddAnnexChange,
  AddPartyChange,
  AmendAnnexChange,
  AmendmentChangeDto,
  RemoveAnnexChange,
  RemovePartyChange,
  ReviseDocumentChange,
} from './amendment-changes.js';

export class AmendAgreementRequest {
  /** Must be the latest version. */
  @IsInt() @Min(1)
  basedOn!: number;

  /** e.g. "Liite B päivitetty: häiriö- ja poikkeusolojen yhteistyö" */
  @IsString() @IsNotEmpty() @MaxLength(2000)
  summary!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AmendmentChangeDto, {
    keepDiscriminatorProperty: true,
    discriminator: {
      property: 'op',
      subTypes: [
        { name: 'amend-annex', value: AmendAnnexChange },
        { name: 'add-annex', value: AddAnnexChange },
        { name: 'remove-annex', value: RemoveAnnexChange },
        { name: 'revise-document', value: ReviseDocumentChange },
        { name: 'add-party', value: AddPartyChange },
        { name: 'remove-party', value: RemovePartyChange },
      ],
    },
  })
  changes!: AmendmentChangeDto[];
}

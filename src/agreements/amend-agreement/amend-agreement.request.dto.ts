import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import { NestedArray } from '../../http/validators.js';
import { AmendmentChangeDto, changeClassOf } from './amendment-changes.js';

export class AmendAgreementRequest {
  /** Must be the latest version. */
  @IsInt() @Min(1)
  basedOn!: number;

  /** e.g. "Liite B päivitetty: häiriö- ja poikkeusolojen yhteistyö" */
  @IsString() @IsNotEmpty() @MaxLength(2000)
  summary!: string;

  /** Each change is validated as the class its `op` names (amendment-changes.ts). */
  @NestedArray(changeClassOf, { min: 1, max: 200 }, () => AmendmentChangeDto)
  changes!: AmendmentChangeDto[];
}

import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsHttpUrl, IsPartyIdList, OptionalField } from '../../http/validators.js';

export class FulfilObligationRequest {
  /** The day the negotiation or meeting was held. */
  @IsCalendarDate()
  heldOn!: string;

  /** Who met: with each-party the convener and those it met, with joint everyone it concerns. */
  @IsPartyIdList()
  parties!: string[];

  @OptionalField() @IsHttpUrl() @MaxLength(2000)
  minutesUrl?: string;

  /** e.g. "Neuvottelu hyvinvointialueen ja Mikkelin kaupungin välillä" */
  @OptionalField() @IsString() @IsNotEmpty() @MaxLength(2000)
  summary?: string;
}

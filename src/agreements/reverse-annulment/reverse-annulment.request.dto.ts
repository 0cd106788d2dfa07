import { IsCalendarDate } from '../../http/validators.js';
import { CourtRulingFields } from '../http/court-ruling.dto.js';

export class ReverseAnnulmentRequest extends CourtRulingFields {
  /** From this day the annulled decision counts again. */
  @IsCalendarDate()
  reversedOn!: string;
}

import { IsCalendarDate, IsEventId } from '../../http/validators.js';
import { CourtRulingFields } from '../http/court-ruling.dto.js';

export class AnnulDecisionRequest extends CourtRulingFields {
  /** The eventId of the annulled decision: a command response's eventId, or Version.decisions[].decisionId. */
  @IsEventId()
  decisionId!: string;

  @IsCalendarDate()
  annulledOn!: string;
}

import { IsIn } from 'class-validator';
import type { AppealOutcome } from '../../core/agreement-events.js';
import { IsCalendarDate, IsEventId, OptionalField } from '../../http/validators.js';

export const APPEAL_OUTCOMES: readonly AppealOutcome[] = ['dismissed', 'withdrawn', 'annulled'];

export class ResolveAppealRequest {
  @IsCalendarDate()
  resolvedOn!: string;

  @IsIn(APPEAL_OUTCOMES)
  outcome!: AppealOutcome;

  /** Required with 'annulled': the annulment of the appealed decision, recorded first through /annulments. */
  @OptionalField() @IsEventId()
  annulmentId?: string;
}

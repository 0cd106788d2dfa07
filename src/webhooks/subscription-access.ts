import { canSee } from '../auth/access-policy.js';
import type { EventStore } from '../event-store/event-store.port.js';
import type { DraftedAgreement } from '../../projections/index.js';
import type { WebhookSubscription } from './subscription-store.js';
import { scopeOfProjection } from './webhook-messages.js';

/**
 * Whether a subscription is sent what happens at `position` in this agreement: it must have
 * existed by then (a date arriving has no position: it is news to all), its filters must hold, and its owner must be able to read the agreement
 * through the API — the very rule the queries apply, so a webhook never tells more than a GET.
 */
export function mayReceive(
  subscription: WebhookSubscription,
  agreement: DraftedAgreement,
  position: string | undefined,
  positions: Pick<EventStore, 'comparePositions'>,
): boolean {
  if (position !== undefined && subscription.startsAfter !== null && positions.comparePositions(position, subscription.startsAfter) <= 0) return false;
  if (subscription.agreementId !== null && subscription.agreementId !== agreement.agreementId) return false;
  const scope = scopeOfProjection(agreement);
  if (subscription.partyId !== null && !scope.partyIds.includes(subscription.partyId)) return false;
  return canSee(subscription.owner, scope);
}

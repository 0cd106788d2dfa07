import type { TokenStore } from '../auth/tokens/token-store.js';
import type { SubscriptionOwner } from './subscription-store.js';

/**
 * Whether a subscription's owner could still read through the API: a ledger token revoked or
 * expired reads nothing, so its subscriptions are sent nothing more. An OIDC principal is checked
 * by its issuer at each request and the ledger keeps no state of it, so it stands.
 */
export function ownerStanding(tokens: Pick<TokenStore, 'get'>, now: () => Date): (owner: SubscriptionOwner) => Promise<boolean> {
  return async (owner) => {
    if (!owner.id.startsWith('token:')) return true;
    const token = await tokens.get(owner.id.slice('token:'.length));
    return token !== undefined && token.revokedAt === undefined && (token.expiresAt === undefined || new Date(token.expiresAt) > now());
  };
}

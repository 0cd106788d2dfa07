import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { normaliseName } from '../../core/text-formats.js';
import { normalisePartyId } from '../../core/party-id.js';
import type { OidcConfig } from '../../config/ledger-config.js';
import { isRole, ROLES, type Principal } from '../principal.js';

/** Asymmetric algorithms only: a JWKS never legitimately signs with a shared secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export class OidcTokenRejected extends Error {
  override readonly name: string = 'OidcTokenRejected';
}

/** The token verified, but its claims grant nothing in the ledger: not a bad token, an account without access. */
export class OidcClaimsGrantNoAccess extends OidcTokenRejected {
  override readonly name = 'OidcClaimsGrantNoAccess';
}

/**
 * Verifies OIDC access tokens (JWT) against the issuer's JWKS and maps configured claims to a
 * principal; the dashboard's sign-in by redirect verifies its ID tokens here too, with the client
 * id as audience, so both name the same principal. Keys are fetched on first use and cached by
 * jose, refetched when an unknown `kid` appears.
 */
export class OidcVerifier {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly config: OidcConfig) {}

  /** `audience`: the API's by default; an ID token's is the dashboard's client id. */
  async verify(jwt: string, audience: string = this.config.audience): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, await this.keySet(), {
        issuer: this.config.issuer,
        audience,
        clockTolerance: this.config.clockToleranceSeconds,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      this.resetKeySetOnDiscoveryFailure(error);
      throw new OidcTokenRejected(`token rejected: ${(error as Error).message}`);
    }
    return this.toPrincipal(payload);
  }

  private toPrincipal(payload: JWTPayload): Principal {
    const { claims } = this.config;
    const roleClaim = claim(payload, claims.role);
    const role = (Array.isArray(roleClaim) ? roleClaim : [roleClaim]).find(isRole);
    if (!role) throw new OidcClaimsGrantNoAccess(`the token carries no ledger role (${ROLES.join(', ')}) in claim ${claims.role}`);
    const rawParty = claim(payload, claims.partyId);
    const partyId = typeof rawParty === 'string' ? normalisePartyId(rawParty) : undefined;
    if (role === 'clerk' && !partyId) throw new OidcClaimsGrantNoAccess(`a clerk's token needs a valid business id in claim ${claims.partyId}`);
    const region = claim(payload, claims.region);
    const name = claim(payload, claims.name);
    return {
      id: `oidc:${this.config.issuer}#${payload.sub}`,
      name: typeof name === 'string' && name.trim() ? name : payload.sub!,
      role,
      ...(role === 'clerk' && { partyId }),
      ...(role === 'admin' && typeof region === 'string' && region.trim() && { region: normaliseName(region) }),
      authenticatedBy: 'oidc',
    };
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.jwksUri().then((uri) => createRemoteJWKSet(new URL(uri)));
    return this.keys;
  }

  private async jwksUri(): Promise<string> {
    if (this.config.jwksUri) return this.config.jwksUri;
    const discovery = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(discovery);
    if (!response.ok) throw new Error(`OIDC discovery at ${discovery} answered ${response.status}`);
    const { jwks_uri: uri } = (await response.json()) as { jwks_uri?: string };
    if (!uri) throw new Error(`OIDC discovery at ${discovery} names no jwks_uri`);
    return uri;
  }

  /** A failed discovery must not be cached forever: the issuer may simply have been down. */
  private resetKeySetOnDiscoveryFailure(error: unknown): void {
    if ((error as Error).message?.startsWith('OIDC discovery')) this.keys = undefined;
  }
}

/** Reads a claim by a dotted path, e.g. `realm_access.roles`. */
function claim(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
}

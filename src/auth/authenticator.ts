import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from './principal.js';
import { OidcTokenRejected, OidcVerifier } from './oidc/oidc-verifier.js';
import { looksLikeLedgerToken } from './tokens/ledger-token-store.js';
import { TOKEN_STORE, type TokenStore } from './tokens/token-store.js';

export type Authentication =
  | { readonly outcome: 'anonymous' }
  | { readonly outcome: 'authenticated'; readonly principal: Principal }
  | { readonly outcome: 'rejected'; readonly reason: string };

/** Turns an Authorization header into a principal: a ledger token, or an OIDC access token (JWT). */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(TOKEN_STORE) private readonly tokens: TokenStore,
    @Optional() @Inject(OidcVerifier) private readonly oidc?: OidcVerifier,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (authorization === undefined || authorization === '') return { outcome: 'anonymous' };
    const match = /^Bearer +([^\s]+) *$/i.exec(authorization);
    if (!match) return { outcome: 'rejected', reason: 'the Authorization header must be "Bearer <token>"' };
    const credential = match[1]!;
    if (looksLikeLedgerToken(credential)) {
      const principal = await this.tokens.authenticate(credential);
      return principal
        ? { outcome: 'authenticated', principal }
        : { outcome: 'rejected', reason: 'the token is unknown, revoked or expired' };
    }
    if (credential.split('.').length === 3 && this.oidc) {
      try {
        return { outcome: 'authenticated', principal: await this.oidc.verify(credential) };
      } catch (error) {
        if (error instanceof OidcTokenRejected) return { outcome: 'rejected', reason: error.message };
        throw error;
      }
    }
    return { outcome: 'rejected', reason: 'the token is not one this ledger issued or trusts' };
  }
}

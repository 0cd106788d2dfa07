import * as client from 'openid-client';
import type { OidcConfig, OidcSignInConfig } from '../../config/ledger-config.js';
import type { Principal } from '../principal.js';
import { OidcVerifier } from './oidc-verifier.js';

/** Where the provider sends the browser back, under the dashboard's public origin. */
export const CALLBACK_PATH = '/sign-in/oidc/callback';

/**
 * What the browser keeps between leaving for the provider and coming back: it binds the answer to
 * this browser (`state`), the code to this request (PKCE) and the ID token to this sign-in (`nonce`).
 */
export interface SignInFlow {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The page to show once signed in. */
  readonly next: string;
}

/** The answer was not for a sign-in this browser started (no flow, or another `state`): a forged or stale link. */
export class SignInFlowMismatch extends Error {
  override readonly name = 'SignInFlowMismatch';
}

/** The provider said no, or its answer did not verify (code, PKCE, nonce, signature). */
export class SignInRefused extends Error {
  override readonly name = 'SignInRefused';
}

export class ProviderUnreachable extends Error {
  override readonly name = 'ProviderUnreachable';
}

/**
 * The dashboard's sign-in by redirect: OpenID Connect's authorization code flow with PKCE, `state`
 * and `nonce`, by `openid-client`, against the provider discovered from the configured issuer.
 * `openid-client` checks the protocol; the ID token is then verified and mapped by the API's own
 * `OidcVerifier` (the issuer's keys, the client id as audience), so a sign-in and a bearer token
 * of one person are one principal.
 */
export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;

  /** `publicUrl`: the dashboard's origin as browsers reach it, where the provider sends them back. */
  constructor(
    private readonly oidc: OidcConfig & { readonly signIn: OidcSignInConfig },
    private readonly verifier: OidcVerifier,
    private readonly publicUrl: string,
  ) {}

  get redirectUri(): string {
    return `${this.publicUrl}${CALLBACK_PATH}`;
  }

  /** The provider's authorization URL, and the flow the browser must bring back. */
  async start(next: string): Promise<{ url: URL; flow: SignInFlow }> {
    const configuration = await this.discovered();
    const flow: SignInFlow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), next };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.oidc.signIn.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url, flow };
  }

  /** `query`: the callback's query string as the provider sent it (`?code=…&state=…`). */
  async finish(query: string, flow: SignInFlow): Promise<{ principal: Principal; idToken: string }> {
    const callback = new URL(`${this.redirectUri}${query}`);
    // openid-client checks `state` too; checked first here so that a forged link is named as one.
    if (callback.searchParams.get('state') !== flow.state) throw new SignInFlowMismatch('the answer carries another state than the sign-in this browser started');
    const configuration = await this.discovered();
    let idToken: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
    } catch (error) {
      // The provider's own word, when it gave one (e.g. `invalid_grant`), is what an operator needs in the log.
      const said = error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError ? ` (${error.error})` : '';
      throw new SignInRefused(`${(error as Error).message}${said}`);
    }
    if (!idToken) throw new SignInRefused('the provider gave no ID token');
    return { principal: await this.verifier.verify(idToken, this.oidc.signIn.clientId), idToken };
  }

  /**
   * Where the browser goes to end its session at the provider too (RP-initiated logout), when the
   * provider offers an end_session_endpoint; it comes back to the sign-in page.
   */
  async endSessionUrl(idToken: string): Promise<URL | undefined> {
    const configuration = await this.discovered().catch(() => undefined);
    if (!configuration?.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: `${this.publicUrl}/sign-in` });
  }

  private discovered(): Promise<client.Configuration> {
    const { issuer, clockToleranceSeconds, signIn } = this.oidc;
    this.configuration ??= client
      .discovery(
        new URL(issuer),
        signIn.clientId,
        { ...(signIn.clientSecret !== undefined && { client_secret: signIn.clientSecret }), [client.clockTolerance]: clockToleranceSeconds },
        // client_secret_basic is the method every provider must support (RFC 6749 §2.3.1).
        signIn.clientSecret !== undefined ? client.ClientSecretBasic(signIn.clientSecret) : client.None(),
        // An http issuer is the operator's own choice (a closed network, a test); an https one is never downgraded.
        { execute: new URL(issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [] },
      )
      .catch((error: unknown) => {
        // Not cached: the provider may simply have been down.
        this.configuration = undefined;
        throw new ProviderUnreachable(`OIDC discovery at ${issuer} failed: ${(error as Error).message}`);
      });
    return this.configuration;
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';

/** The dashboard's client as registered at the test provider. */
export const TEST_CLIENT = { id: 'ledger-dashboard', secret: 'dashboard-secret' } as const;

/** How the provider answers the next authorization request (for the refusals a test provokes). */
export type NextAnswer = 'sign-in' | 'deny' | 'wrong-nonce';

export interface TestIssuer {
  readonly issuer: string;
  /** Signs an access token with the issuer's published key (or `key`, e.g. one it never published). */
  sign(claims: JWTPayload, options?: { expiresIn?: string | number; audience?: string; issuer?: string; key?: CryptoKey; kid?: string }): Promise<string>;
  /** A key pair the issuer does not publish. */
  strangerKey(): Promise<CryptoKey>;
  /** Who the authorization endpoint signs in (the person at the provider's login page), and how it answers. */
  signInNext(claims: JWTPayload, answer?: NextAnswer): void;
  close(): Promise<void>;
}

interface Grant {
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string;
  readonly claims: JWTPayload;
}

/**
 * A local OpenID provider on loopback: discovery document and JWKS with a key made for the test
 * run, and for the dashboard's sign-in by redirect an authorization endpoint (it signs in whoever
 * the test names, at once — or, with `loginPage`, after a click on its own page, as a person at a
 * real provider would), a token endpoint that checks the client, the redirect URI and PKCE, and an
 * end-session endpoint.
 */
export async function startTestIssuer({ loginPage = false }: { loginPage?: boolean } = {}): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' };
  let issuer = '';
  let next: { claims: JWTPayload; answer: NextAnswer } = { claims: { sub: 'user-1' }, answer: 'sign-in' };
  const grants = new Map<string, Grant>();

  const sign: TestIssuer['sign'] = async (claims, options = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'test-key-1' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? 'agreement-ledger')
      .setSubject(String(claims.sub ?? 'user-1'))
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? privateKey);

  const authorize = (url: URL): { status: number; location?: string } => {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== TEST_CLIENT.id || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') return { status: 400 };
    const back = new URL(redirectUri);
    back.searchParams.set('state', q.get('state') ?? '');
    back.searchParams.set('iss', issuer);
    if (next.answer === 'deny') {
      back.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(16).toString('base64url');
      const nonce = next.answer === 'wrong-nonce' ? 'another-nonce' : (q.get('nonce') ?? '');
      grants.set(code, { redirectUri, codeChallenge: q.get('code_challenge') ?? '', nonce, claims: next.claims });
      back.searchParams.set('code', code);
    }
    return { status: 302, location: back.href };
  };

  const token = async (req: IncomingMessage, body: URLSearchParams): Promise<{ status: number; body: unknown }> => {
    // client_secret_basic: id and secret form-urlencoded, then base64 (RFC 6749 §2.3.1).
    const credentials = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
    const [id, secret] = credentials.map((part) => decodeURIComponent(part.replaceAll('+', ' ')));
    if (id !== TEST_CLIENT.id || secret !== TEST_CLIENT.secret) return { status: 401, body: { error: 'invalid_client' } };
    const grant = grants.get(body.get('code') ?? '');
    grants.delete(body.get('code') ?? '');
    const verifier = body.get('code_verifier') ?? '';
    if (!grant || grant.redirectUri !== body.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) {
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    const idToken = await sign({ ...grant.claims, nonce: grant.nonce }, { audience: TEST_CLIENT.id });
    return { status: 200, body: { access_token: await sign(grant.claims), token_type: 'Bearer', expires_in: 300, id_token: idToken } };
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        jwks_uri: `${issuer}/jwks`,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['ES256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const answer = authorize(url);
      if (loginPage && answer.location) {
        // The way back starts on the provider's own page, so the browser sees it come from another site.
        const page = `<!doctype html><html lang="en"><title>Test provider</title><main><a id="approve" href="${answer.location.replaceAll('&', '&amp;')}">Approve</a></main></html>`;
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      }
      return res.writeHead(answer.status, answer.location ? { location: answer.location } : {}).end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => void token(req, new URLSearchParams(raw)).then((answer) => json(answer.status, answer.body)));
      return;
    }
    if (url.pathname === '/logout') return res.writeHead(200, { 'content-type': 'text/plain' }).end('signed out at the provider');
    return json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign,
    async strangerKey() {
      return (await generateKeyPair('ES256')).privateKey;
    },
    signInNext(claims, answer = 'sign-in') {
      next = { claims, answer };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

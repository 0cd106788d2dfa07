/**
 * The dashboard's sign-in by redirect over real HTTP, against a local OpenID provider: the whole
 * authorization code flow (PKCE, state, nonce), the principal mapped as for a bearer token, the
 * session cookie, and every way the answer can be refused — each with a page that says why and no
 * session made. Sign-out ends the session at the provider too.
 */
import type Database from 'better-sqlite3';
import { openStateDatabase } from '../src/state/state-database.js';
import { kymenlaaksoCommands, kymenlaaksoParties, KYMENLAAKSO_AGREEMENT_ID } from './fixtures/kymenlaakso.js';
import { caughtUp, cookieValue, page, postForm, record, setCookie, siteOf } from './support/dashboard-client.js';
import { freeLoopbackPort } from './support/free-port.js';
import { startTestIssuer, TEST_CLIENT, type TestIssuer } from './support/oidc-issuer.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KOTKA = kymenlaaksoParties.kotka.partyId;
const CLERK = { sub: 'kotka-7', name: 'Kirsi Kirjaaja', ledger_role: 'clerk', ledger_party: KOTKA };

/** A browser's cookie jar, just big enough: the latest value of each cookie a response set or cleared. */
class Browser {
  private readonly jar = new Map<string, string>();

  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: this.cookieHeader() });
    this.keep(res);
    return res;
  }

  async post(url: string, fields: Record<string, string>): Promise<Response> {
    const res = await postForm(url, fields, this.cookieHeader());
    this.keep(res);
    return res;
  }

  has(name: string): boolean {
    return this.jar.has(name);
  }

  private keep(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      if (/Max-Age=0/i.test(header)) this.jar.delete(name!);
      else this.jar.set(name!, value.join('='));
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.jar.size ? { cookie: [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }
}

describe('dashboard sign-in by redirect to an OIDC provider', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  let site: string;
  let state: Database.Database;
  const sessionCount = () => (state.prepare('SELECT count(*) AS n FROM dashboard_sessions').get() as { n: number }).n;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const port = await freeLoopbackPort();
    t = await startTestApp({
      PORT: String(port),
      LEDGER_OIDC_ISSUER: issuer.issuer,
      LEDGER_OIDC_AUDIENCE: 'agreement-ledger',
      LEDGER_OIDC_CLIENT_ID: TEST_CLIENT.id,
      LEDGER_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      LEDGER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    site = siteOf(t);
    state = openStateDatabase(t.dataDir);
    await caughtUp(t, KYMENLAAKSO_AGREEMENT_ID, await record(t, kymenlaaksoCommands()));
  });
  afterAll(async () => {
    state.close();
    await t.close();
    await issuer.close();
  });

  /** From the sign-in page to the provider and back to the callback; returns the callback's answer. */
  async function signInThroughProvider(browser: Browser, next: string, tamper?: (callback: URL) => void): Promise<Response> {
    const signInPage = await (await browser.get(`${site}/sign-in?next=${encodeURIComponent(next)}`)).text();
    const start = /<a class="button" href="([^"]+)"/.exec(signInPage)?.[1]?.replaceAll('&amp;', '&');
    expect(start).toBe(`/sign-in/oidc?next=${encodeURIComponent(next)}`);
    const toProvider = await browser.get(`${site}${start}`);
    expect(toProvider.status).toBe(303);
    const authorize = new URL(toProvider.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${issuer.issuer}/authorize`);
    const back = await browser.get(authorize.href);
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    tamper?.(callback);
    return browser.get(callback.href);
  }

  it('asks the provider for a code with PKCE, state and nonce, and keeps them only in an HttpOnly cookie of this browser', async () => {
    const res = await new Browser().get(`${site}/sign-in/oidc?next=%2F`);
    const authorize = new URL(res.headers.get('location')!);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: TEST_CLIENT.id,
      response_type: 'code',
      redirect_uri: `${site}/sign-in/oidc/callback`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    for (const parameter of ['code_challenge', 'state', 'nonce']) expect(authorize.searchParams.get(parameter)).toMatch(/^[\w-]{22,}$/);
    const flow = setCookie(res, 'ledger_oidc');
    expect(flow).toMatch(/HttpOnly/);
    expect(flow).toMatch(/SameSite=Lax/);
    expect(flow).toMatch(/Max-Age=600/);
  });

  it('follows the redirect dance into the same session cookie as a token sign-in, as the principal a bearer token of the same person is', async () => {
    issuer.signInNext(CLERK);
    const browser = new Browser();
    const before = sessionCount();
    const callback = await signInThroughProvider(browser, `/agreements/${KYMENLAAKSO_AGREEMENT_ID}`);
    expect(callback.status).toBe(200);
    expect(setCookie(callback, 'ledger_session')).toMatch(/^ledger_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(setCookie(callback, 'ledger_oidc')).toMatch(/Max-Age=0/);
    // A page of this site moves on, so that the browser sends the SameSite=Strict cookie with the next request.
    expect(await callback.text()).toContain(`<meta http-equiv="refresh" content="0; url=/agreements/${KYMENLAAKSO_AGREEMENT_ID}">`);
    expect(sessionCount()).toBe(before + 1);

    const agreement = await browser.get(`${site}/agreements/${KYMENLAAKSO_AGREEMENT_ID}`);
    expect(agreement.status).toBe(200);
    expect(await agreement.text()).toContain('Kirjautunut: Kirsi Kirjaaja (kirjaamo)');
    const viaApi = await t.call('/me', { token: await issuer.sign(CLERK) });
    expect(await viaApi.json()).toEqual({ id: `oidc:${issuer.issuer}#kotka-7`, name: 'Kirsi Kirjaaja', role: 'clerk', partyId: KOTKA, authenticatedBy: 'oidc' });
    // A clerk sees its own party's list and no other's, as through the API.
    expect((await browser.get(`${site}/parties/${KOTKA}`)).status).toBe(200);
    expect((await browser.get(`${site}/parties/${kymenlaaksoParties.hamina.partyId}`)).status).toBe(403);
  });

  describe('refuses, says why, and makes no session', () => {
    const refused = async (res: Response, status: number, text: string) => {
      expect(res.status).toBe(status);
      expect(setCookie(res, 'ledger_session')).toBeUndefined();
      expect(setCookie(res, 'ledger_oidc')).toMatch(/Max-Age=0/);
      const body = await res.text();
      expect(body).toContain('role="alert"');
      expect(body).toContain(text);
    };

    it('an answer whose state is not the one this browser sent (a forged or crossed link)', async () => {
      issuer.signInNext(CLERK);
      const browser = new Browser();
      const before = sessionCount();
      const res = await signInThroughProvider(browser, '/', (callback) => callback.searchParams.set('state', 'forged-state'));
      await refused(res, 403, 'sitä ei aloitettu tässä selaimessa');
      expect(sessionCount()).toBe(before);
      expect((await browser.get(`${site}/`)).status).toBe(303);
    });

    it('an ID token whose nonce is not the one of this sign-in (a replayed token)', async () => {
      issuer.signInNext(CLERK, 'wrong-nonce');
      const before = sessionCount();
      await refused(await signInThroughProvider(new Browser(), '/'), 401, 'sen vastausta ei voitu todentaa');
      expect(sessionCount()).toBe(before);
    });

    it('a callback in a browser that started no sign-in', async () => {
      issuer.signInNext(CLERK);
      const started = new Browser();
      const toProvider = await started.get(`${site}/sign-in/oidc`);
      const back = await started.get(toProvider.headers.get('location')!);
      const before = sessionCount();
      const other = await fetch(back.headers.get('location')!, { redirect: 'manual' });
      expect(other.status).toBe(403);
      expect(setCookie(other, 'ledger_session')).toBeUndefined();
      expect(await other.text()).toContain('role="alert"');
      expect(sessionCount()).toBe(before);
    });

    it('the provider saying no', async () => {
      issuer.signInNext(CLERK, 'deny');
      await refused(await signInThroughProvider(new Browser(), '/'), 401, 'Kirjautumispalvelu ei kirjannut sinua sisään');
    });

    it('an account the provider knows but whose token carries no ledger role', async () => {
      issuer.signInNext({ sub: 'visitor-1', name: 'Vieras' });
      const before = sessionCount();
      await refused(await signInThroughProvider(new Browser(), '/'), 403, 'tunnuksellasi ei ole roolia');
      expect(sessionCount()).toBe(before);
    });
  });

  it('sign-out ends the session here and sends the browser to the provider to end its own, with the ID token as hint', async () => {
    issuer.signInNext({ sub: 'auditor-1', name: 'Tarja Tarkastaja', ledger_role: 'auditor' });
    const browser = new Browser();
    await signInThroughProvider(browser, '/');
    const home = await (await browser.get(`${site}/?lang=en`)).text();
    const csrf = /action="\/sign-out"><input type="hidden" name="_csrf" value="([^"]+)"/.exec(home)?.[1];
    const out = await browser.post(`${site}/sign-out`, { _csrf: csrf! });
    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get('location')!);
    expect(logout.origin + logout.pathname).toBe(`${issuer.issuer}/logout`);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${site}/sign-in`);
    expect(logout.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect(browser.has('ledger_session')).toBe(false);
    expect(cookieValue(setCookie(out, 'ledger_session'))).toBe('');
    expect((await browser.get(`${site}/`)).status).toBe(303);
  });
});

describe('dashboard sign-in without an OIDC client configured', () => {
  let t: TestApp;
  afterAll(async () => t.close());

  it('offers only the token form, and the redirect routes answer 404', async () => {
    t = await startTestApp();
    const site = siteOf(t);
    expect((await page(`${site}/sign-in`)).body).not.toContain('/sign-in/oidc');
    expect((await page(`${site}/sign-in/oidc`)).status).toBe(404);
    expect((await page(`${site}/sign-in/oidc/callback?code=x&state=y`)).status).toBe(404);
  });
});

describe('dashboard sign-in by redirect while the provider cannot be reached', () => {
  let t: TestApp;
  afterAll(async () => t.close());

  it('answers 503 with the sign-in page saying so, and the token form still works', async () => {
    const nobody = `http://127.0.0.1:${await freeLoopbackPort()}`;
    t = await startTestApp({ LEDGER_OIDC_ISSUER: nobody, LEDGER_OIDC_AUDIENCE: 'agreement-ledger', LEDGER_OIDC_CLIENT_ID: TEST_CLIENT.id, LEDGER_PUBLIC_URL: 'http://127.0.0.1:3000' });
    const res = await page(`${siteOf(t)}/sign-in/oidc`);
    expect(res.status).toBe(503);
    expect(res.res.headers.getSetCookie().some((c) => c.startsWith('ledger_oidc='))).toBe(false);
    expect(res.body).toContain('Kirjautumispalveluun ei juuri nyt saada yhteyttä');
    expect(res.body).toContain('name="token"');
  });
});

/**
 * The dashboard over real HTTP, without a browser: sign-in into a session cookie and out again,
 * CSRF on the forms, the cookie and the API kept apart, escaping, who sees what, languages, and
 * error pages for bad input.
 */
import { keskiPohjanmaaCommands, KESKI_POHJANMAA_AGREEMENT_ID } from './fixtures/keski-pohjanmaa.js';
import { kymenlaaksoCommands, kymenlaaksoParties, KYMENLAAKSO_AGREEMENT_ID } from './fixtures/kymenlaakso.js';
import { constructedParty } from './fixtures/constructed-party.js';
import { caughtUp, cookieValue, page, postForm, record, setCookie, signIn, signInForm, siteOf } from './support/dashboard-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KYM = KYMENLAAKSO_AGREEMENT_ID;
const KP = KESKI_POHJANMAA_AGREEMENT_ID;
const HOSTILE = '<script>alert("x")</script>';
const CONFIDENTIAL_ANNEX = 'Sopimus yhteistyöstä häiriö- ja poikkeusoloihin';

describe('dashboard over HTTP', () => {
  let t: TestApp;
  let site: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    site = siteOf(t);
    await record(t, kymenlaaksoCommands());
    const last = await record(t, keskiPohjanmaaCommands());
    const hostile = constructedParty('9930001', `Kunta ${HOSTILE}`, 'municipality', 'Valtuusto <b>');
    const res = await t.call('/agreements', {
      method: 'POST',
      token: t.adminToken,
      json: {
        agreementId: 'hostile-2024',
        title: `Sopimus ${HOSTILE}`,
        region: 'Kymenlaakso',
        kind: 'other',
        parties: [hostile, kymenlaaksoParties.kotka],
        document: { title: 'Asiakirja', sha256: 'a'.repeat(64) },
        annexes: [],
      },
    });
    if (res.status !== 201) throw new Error(await res.text());
    await caughtUp(t, KP, last);
    await caughtUp(t, 'hostile-2024', ((await res.json()) as { position: string }).position);
    admin = await signIn(site, t.adminToken);
  });
  afterAll(async () => t.close());

  describe('without a session', () => {
    it('every page sends the reader to sign in, and back afterwards', async () => {
      for (const path of ['/', `/agreements/${KYM}`, `/parties/${kymenlaaksoParties.kotka.partyId}`]) {
        const { status, res } = await page(`${site}${path}`);
        expect(status).toBe(303);
        expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      }
    });

    it('a bearer token is not a session: the pages ignore the Authorization header', async () => {
      const res = await fetch(`${site}/`, { redirect: 'manual', headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.status).toBe(303);
    });

    it('the stylesheet is served by the app, cacheable, and the API keeps its prefix', async () => {
      const home = await page(`${site}/sign-in`);
      const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1];
      expect(href).toMatch(/^\/assets\/dashboard\.[0-9a-f]{12}\.css$/);
      const css = await fetch(`${site}${href}`);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
      expect(css.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${site}/assets/other.css`)).status).toBe(404);
      expect((await t.call(`/agreements/${KYM}`, { token: t.adminToken })).status).toBe(200);
    });
  });

  describe('sign-in', () => {
    it('puts a random session id into an HttpOnly, SameSite=Strict cookie (not Secure over plain http), never the token', async () => {
      const { formToken, cookie } = await signInForm(site);
      const res = await postForm(`${site}/sign-in`, { token: t.adminToken, _csrf: formToken, next: `/agreements/${KYM}` }, { cookie });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/agreements/${KYM}`);
      const session = setCookie(res, 'ledger_session')!;
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Strict/);
      expect(session).toMatch(/; Path=\//);
      expect(session).not.toMatch(/Secure|Max-Age|Expires/);
      expect(session).not.toContain(t.adminToken);
      expect(cookieValue(session)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('an unknown token is refused on the sign-in page (401), with no session', async () => {
      const { formToken, cookie } = await signInForm(site);
      const res = await postForm(`${site}/sign-in`, { token: 'ldg_' + 'x'.repeat(43), _csrf: formToken }, { cookie });
      expect(res.status).toBe(401);
      expect(setCookie(res, 'ledger_session')).toBeUndefined();
      expect(await res.text()).toContain('Tunnistetta ei hyväksytty');
    });

    it('CSRF: a post without the form token, with another token, or from another origin signs nobody in (403)', async () => {
      const { formToken, cookie } = await signInForm(site);
      for (const [fields, headers] of [
        [{ token: t.adminToken, _csrf: formToken }, {}],
        [{ token: t.adminToken, _csrf: 'forged' }, { cookie }],
        [{ token: t.adminToken, _csrf: formToken }, { cookie, origin: 'https://evil.example' }],
        [{ token: t.adminToken, _csrf: formToken }, { cookie, 'sec-fetch-site': 'cross-site' }],
      ] as const) {
        const res = await postForm(`${site}/sign-in`, fields, headers);
        expect(res.status).toBe(403);
        expect(setCookie(res, 'ledger_session')).toBeUndefined();
      }
    });

    it('goes back only to a path of this site', async () => {
      const { formToken, cookie } = await signInForm(site);
      const res = await postForm(`${site}/sign-in`, { token: t.adminToken, _csrf: formToken, next: '//evil.example/x' }, { cookie });
      expect(res.headers.get('location')).toBe('/');
    });
  });

  describe('the session and the API stay apart', () => {
    it('the API does not take the session cookie', async () => {
      const res = await fetch(`${t.api}/agreements`, { headers: { cookie: admin } });
      expect(res.status).toBe(401);
    });

  });

  describe('sign-out', () => {
    it('needs the session form token; then the session ends on the server, not only in the browser', async () => {
      const session = await signIn(site, t.adminToken);
      const home = await page(`${site}/`, session);
      const csrf = /action="\/sign-out"><input type="hidden" name="_csrf" value="([^"]+)"/.exec(home.body)?.[1];
      expect(csrf).toBeDefined();
      expect((await postForm(`${site}/sign-out`, { _csrf: 'forged' }, { cookie: session })).status).toBe(403);
      expect((await page(`${site}/`, session)).status).toBe(200);
      const out = await postForm(`${site}/sign-out`, { _csrf: csrf! }, { cookie: session });
      expect(out.status).toBe(303);
      expect(setCookie(out, 'ledger_session')).toMatch(/Max-Age=0/);
      expect((await page(`${site}/`, session)).status).toBe(303);
    });

    it('revoking the token ends its sessions at the next request', async () => {
      const res = await t.call('/tokens', { method: 'POST', token: t.adminToken, json: { role: 'auditor', name: 'Tilintarkastaja' } });
      const { id, token } = (await res.json()) as { id: string; token: string };
      const session = await signIn(site, token);
      expect((await page(`${site}/`, session)).status).toBe(200);
      expect((await t.call(`/tokens/${id}`, { method: 'DELETE', token: t.adminToken })).status).toBeLessThan(300);
      expect((await page(`${site}/`, session)).status).toBe(303);
    });
  });

  describe('pages', () => {
    it('the list shows what is in force in the region, since when, and who still has to act', async () => {
      const { status, body } = await page(`${site}/?region=Kymenlaakso`, admin);
      expect(status).toBe(200);
      expect(body).toContain('<html lang="fi">');
      expect(body).toContain('Kymenlaakson hyvinvointialueen ja Kymenlaakson kuntien strateginen yhteistyösopimus');
      expect(body).toContain('1.12.2023');
      expect(body).not.toContain('Keski-Pohjanmaan hyvinvointialueen, kuntien');
    });

    it('an empty filter field means no filter; a bad one is an error page, not a 5xx', async () => {
      expect((await page(`${site}/?region=&status=&partyId=`, admin)).status).toBe(200);
      const bad = await page(`${site}/?partyId=1234567-8`, admin);
      expect(bad.status).toBe(400);
      expect(bad.res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(bad.body).toContain('Virheellinen pyyntö');
    });

    it('the agreement page: the matrix by party, § and diary number, and what was missing as of a day', async () => {
      const { body } = await page(`${site}/agreements/${KYM}`, admin);
      expect(body).toContain('Versio 1 voimassa 1.12.2023 alkaen');
      expect(body).toContain('626/00.04.01/2023');
      expect(body).toContain('Kotkan kaupunginvaltuusto');
      const before = await page(`${site}/agreements/${KYM}?asOf=2023-11-30`, admin);
      const virolahti = before.body.split(`data-party="${kymenlaaksoParties.virolahti.partyId}"`)[1]!.split('</tr>')[0]!;
      expect(virolahti).toContain('allekirjoitus');
      expect(before.body).toContain('Mikään versio ei ole voimassa');
    });

    it('admins and auditors see the event log with hashes and the verification; clerks do not', async () => {
      const { body } = await page(`${site}/agreements/${KYM}`, admin);
      expect(body).toContain('Tiivisteketju tarkistettu');
      expect(body).toMatch(/<code class="hash">[0-9a-f]{64}<\/code>/);
      const clerk = await signIn(site, t.createToken({ role: 'clerk', name: 'Kotkan kirjaamo', partyId: kymenlaaksoParties.kotka.partyId }));
      const asClerk = await page(`${site}/agreements/${KYM}`, clerk);
      expect(asClerk.status).toBe(200);
      expect(asClerk.body).not.toContain('Tiivisteketju');
    });

    it('escapes every value: a hostile title and party name are shown as text', async () => {
      const list = await page(`${site}/`, admin);
      expect(list.body).toContain('Sopimus &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      const { body } = await page(`${site}/agreements/hostile-2024`, admin);
      expect(body).not.toContain('<script>');
      expect(body).not.toContain('<b>');
      expect(body).toContain('Kunta &lt;script&gt;');
    });

    it('nothing confidential reaches a principal the API would not show it to', async () => {
      const outsider = await signIn(site, t.createToken({ role: 'clerk', name: 'Kotkan kirjaamo', partyId: kymenlaaksoParties.kotka.partyId }));
      const list = await page(`${site}/`, outsider);
      expect(list.body).not.toContain('Keski-Pohjanmaan');
      const denied = await page(`${site}/agreements/${KP}`, outsider);
      expect(denied.status).toBe(404);
      expect(denied.body).not.toContain(CONFIDENTIAL_ANNEX);
      const auditor = await signIn(site, t.createToken({ role: 'auditor', name: 'Tarkastaja' }));
      expect((await page(`${site}/agreements/${KP}`, auditor)).body).toContain(CONFIDENTIAL_ANNEX);
    });

    it("a party's pending list; a clerk sees only its own party's (403 page otherwise), a bad id is a 404 page", async () => {
      const kotka = kymenlaaksoParties.kotka.partyId;
      const clerk = await signIn(site, t.createToken({ role: 'clerk', name: 'Kotkan kirjaamo', partyId: kotka }));
      const own = await page(`${site}/parties/${kotka}`, clerk);
      expect(own.status).toBe(200);
      // Kotka has done its part in Kymenlaakso; the other agreement still waits for it.
      expect(own.body).not.toContain(KYM);
      expect(own.body).toContain('hostile-2024');
      expect(own.body).toContain('hyväksyntä, allekirjoitus');
      expect((await page(`${site}/parties/${kymenlaaksoParties.hamina.partyId}`, clerk)).status).toBe(403);
      expect((await page(`${site}/parties/123`, admin)).status).toBe(404);
    });

    it('bad input gives an error page: an impossible date 400, an impossible or unknown agreement 404', async () => {
      expect((await page(`${site}/agreements/${KYM}?asOf=2023-13-01`, admin)).status).toBe(400);
      expect((await page(`${site}/agreements/No!`, admin)).status).toBe(404);
      const unknown = await page(`${site}/agreements/no-such-agreement`, admin);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toContain('Ei löytynyt');
    });
  });

  describe('languages', () => {
    it('Finnish by default; ?lang= switches, sets <html lang> and dates, and is kept in a cookie', async () => {
      const sv = await page(`${site}/agreements/${KYM}?lang=sv`, admin);
      expect(sv.body).toContain('<html lang="sv">');
      expect(sv.body).toContain('Version 1 i kraft sedan 1.12.2023');
      const kept = setCookie(sv.res, 'ledger_lang')!;
      expect(kept).toMatch(/^ledger_lang=sv;/);
      const again = await page(`${site}/agreements/${KYM}`, `${admin}; ${kept.split(';')[0]}`);
      expect(again.body).toContain('<html lang="sv">');
      const en = await page(`${site}/agreements/${KYM}?lang=en`, admin);
      expect(en.body).toContain('<html lang="en">');
      expect(en.body).toContain('Version 1 in force since 1 Dec 2023');
      expect((await page(`${site}/agreements/${KYM}?lang=xx`, admin)).body).toContain('<html lang="fi">');
    });
  });
});

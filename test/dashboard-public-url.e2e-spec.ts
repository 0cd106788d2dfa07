/**
 * The dashboard behind a TLS proxy: the server speaks plain http, browsers reach it at
 * LEDGER_PUBLIC_URL over https. Its cookies must then be Secure (and `__Host-`), and its forms
 * must come from that origin — not from the one the server sees.
 */
import { page, postForm, setCookie, signInForm, siteOf } from './support/dashboard-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PUBLIC_URL = 'https://ledger.kymenhva.example';

describe('dashboard behind a TLS proxy (LEDGER_PUBLIC_URL)', () => {
  let t: TestApp;
  let site: string;

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_PUBLIC_URL: PUBLIC_URL });
    site = siteOf(t);
  });
  afterAll(async () => t.close());

  it('takes forms from the public origin and answers with a Secure __Host- session cookie', async () => {
    const { formToken, cookie } = await signInForm(site);
    const res = await postForm(`${site}/sign-in`, { token: t.adminToken, _csrf: formToken, next: '/' }, { cookie, origin: PUBLIC_URL });
    expect(res.status).toBe(303);
    const session = setCookie(res, '__Host-ledger_session');
    expect(session).toMatch(/^__Host-ledger_session=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect((await page(`${site}/`, session!.split(';')[0])).status).toBe(200);
  });

  it('refuses a form posted from the origin the server itself sees, which is not the one browsers use', async () => {
    const { formToken, cookie } = await signInForm(site);
    const res = await postForm(`${site}/sign-in`, { token: t.adminToken, _csrf: formToken, next: '/' }, { cookie, origin: site });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.includes('ledger_session'))).toBe(false);
  });
});

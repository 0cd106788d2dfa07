/**
 * Sign-in by redirect in a real browser (Debian's Chromium): the dashboard at `localhost` and the
 * provider at `127.0.0.1` are two sites, as a county's provider and the ledger are, so the way back
 * from the provider is a cross-site navigation — the case the callback's page that moves on by
 * itself exists for (browsers send no SameSite=Strict cookie on a cross-site redirect chain).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { kymenlaaksoCommands, kymenlaaksoParties, KYMENLAAKSO_AGREEMENT_ID } from './fixtures/kymenlaakso.js';
import { graveAxeIssues, hasChromium, launchChromium, skippedWithoutChromium } from './support/chromium.js';
import { caughtUp, record } from './support/dashboard-client.js';
import { freeLoopbackPort } from './support/free-port.js';
import { startTestIssuer, TEST_CLIENT, type TestIssuer } from './support/oidc-issuer.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ARTEFACTS = join(process.cwd(), 'test-artifacts', 'dashboard');
const SKIPPED = skippedWithoutChromium('dashboard OIDC sign-in browser tests');
const KYM = KYMENLAAKSO_AGREEMENT_ID;

if (!hasChromium()) {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('signs in through the provider in Chromium', () => undefined);
  });
} else {
  describe('dashboard sign-in by redirect in Chromium', () => {
    let issuer: TestIssuer;
    let t: TestApp;
    let site: string;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      mkdirSync(ARTEFACTS, { recursive: true });
      issuer = await startTestIssuer({ loginPage: true });
      const port = await freeLoopbackPort();
      site = `http://localhost:${port}`;
      t = await startTestApp({
        PORT: String(port),
        LEDGER_OIDC_ISSUER: issuer.issuer,
        LEDGER_OIDC_AUDIENCE: 'agreement-ledger',
        LEDGER_OIDC_CLIENT_ID: TEST_CLIENT.id,
        LEDGER_OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        LEDGER_PUBLIC_URL: site,
      });
      await caughtUp(t, KYM, await record(t, kymenlaaksoCommands()));
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
      page = await context.newPage();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await t?.close();
      await issuer?.close();
    });

    it('the sign-in page offering the provider passes the axe scan', async () => {
      await page.goto(`${site}/sign-in`);
      await page.screenshot({ path: join(ARTEFACTS, '08-oidc-sign-in.png') });
      expect(await graveAxeIssues(page)).toEqual([]);
    }, 60_000);

    it('from a page that needs a session, through the provider, back to that page signed in', async () => {
      issuer.signInNext({ sub: 'kotka-7', name: 'Kirsi Kirjaaja', ledger_role: 'clerk', ledger_party: kymenlaaksoParties.kotka.partyId });
      await page.goto(`${site}/agreements/${KYM}`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.getByRole('link', { name: 'Kirjaudu organisaatiosi tunnuksella' }).click();
      await page.waitForURL(`${issuer.issuer}/authorize?*`);
      await page.getByRole('link', { name: 'Approve' }).click();
      await page.waitForURL(`${site}/agreements/${KYM}`);
      await expect(page.locator('.account p').textContent()).resolves.toBe('Kirjautunut: Kirsi Kirjaaja (kirjaamo)');
      await page.screenshot({ path: join(ARTEFACTS, '09-oidc-signed-in.png') });
      const cookies = await context.cookies(site);
      expect(cookies.find((c) => c.name === 'ledger_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(cookies.find((c) => c.name === 'ledger_oidc')).toBeUndefined();
    }, 60_000);

    it('signs out here and at the provider', async () => {
      await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await page.waitForURL(`${issuer.issuer}/logout?*`);
      await expect(page.locator('body').textContent()).resolves.toBe('signed out at the provider');
      await page.goto(`${site}/`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    }, 60_000);
  });
}

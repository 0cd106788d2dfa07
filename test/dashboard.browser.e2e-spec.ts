/**
 * The dashboard in a real browser: Debian's Chromium, driven by playwright-core, against the real
 * server. Sign in, filter a region's list, open an agreement, see an approval recorded through the
 * API after a reload, switch language, print on one page, use the keyboard only, and an axe-core
 * scan. Screenshots go to test-artifacts/dashboard/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { kymenlaaksoCommands, kymenlaaksoParties, KYMENLAAKSO_AGREEMENT_ID } from './fixtures/kymenlaakso.js';
import { graveAxeIssues, hasChromium, launchChromium, skippedWithoutChromium } from './support/chromium.js';
import { caughtUp, record, siteOf } from './support/dashboard-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ARTEFACTS = join(process.cwd(), 'test-artifacts', 'dashboard');
const SKIPPED = skippedWithoutChromium('dashboard browser tests');
const KYM = KYMENLAAKSO_AGREEMENT_ID;
const PENDING = 'kymenlaakso-liite-2024';
const { kotka, hamina } = kymenlaaksoParties;

if (!hasChromium()) {
  process.stderr.write(`${SKIPPED}\n`);
  describe.skip(SKIPPED, () => {
    it('runs the dashboard in Chromium', () => undefined);
  });
} else {
  describe('dashboard in Chromium', () => {
    let t: TestApp;
    let site: string;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    /** The focused element, read in the page (a string, so this file needs no DOM types). */
    const focused = () =>
      page.evaluate<{ id: string; text: string; outline: string }>(
        '({ id: document.activeElement.id, text: document.activeElement.textContent.trim(), outline: getComputedStyle(document.activeElement).outlineStyle })',
      );
    const shot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      mkdirSync(ARTEFACTS, { recursive: true });
      t = await startTestApp();
      site = siteOf(t);
      await record(t, kymenlaaksoCommands());
      // A second agreement of the region that Kotka and Hamina have yet to approve.
      const res = await t.call('/agreements', {
        method: 'POST',
        token: t.adminToken,
        json: {
          agreementId: PENDING,
          title: 'Liitesopimus varautumisesta',
          region: 'Kymenlaakso',
          kind: 'other',
          parties: [kotka, hamina],
          document: { title: 'Liitesopimus', sha256: 'b'.repeat(64) },
          annexes: [],
        },
      });
      await caughtUp(t, PENDING, ((await res.json()) as { position: string }).position);
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
      page = await context.newPage();
      // No request may leave the server: every URL the pages load is the app's own.
      page.on('request', (request) => {
        if (!request.url().startsWith(site) && !request.url().startsWith('data:')) throw new Error(`external request: ${request.url()}`);
      });
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    it('signs in with a token and lands on the list', async () => {
      await page.goto(`${site}/`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.getByLabel('Käyttöoikeustunniste').fill(t.adminToken);
      await page.getByRole('button', { name: 'Kirjaudu' }).click();
      await page.waitForURL(`${site}/`);
      await shot('01-list');
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'ledger_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate<string>('document.cookie')).not.toContain('ledger_session');
      expect(await page.evaluate<number>('localStorage.length + sessionStorage.length')).toBe(0);
    });

    it("opens a region's list and an agreement in it", async () => {
      await page.getByLabel('Alue').fill('Kymenlaakso');
      await page.getByRole('button', { name: 'Rajaa' }).click();
      await page.waitForURL(/region=Kymenlaakso/);
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      await page.getByRole('link', { name: 'Liitesopimus varautumisesta' }).click();
      await page.waitForURL(`${site}/agreements/${PENDING}`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Liitesopimus varautumisesta');
      await shot('02-pending-agreement');
    });

    it("shows a party's approval recorded through the API after a reload", async () => {
      const kotkaRow = page.locator(`tr[data-party="${kotka.partyId}"]`);
      await expect(kotkaRow.locator('.badge').textContent()).resolves.toBe('puuttuu');
      const res = await t.call(`/agreements/${PENDING}/decisions`, {
        method: 'POST',
        token: t.adminToken,
        json: { partyId: kotka.partyId, body: kotka.competentBody, outcome: 'approved', version: 1, decidedOn: '2024-02-12', meeting: { section: '§ 12', diaryNumber: '88/00.04.01/2024' } },
      });
      expect(res.status).toBe(201);
      await caughtUp(t, PENDING, ((await res.json()) as { position: string }).position);
      await page.reload();
      await expect(kotkaRow.locator('.badge').textContent()).resolves.toBe('hyväksytty');
      await expect(kotkaRow.textContent()).resolves.toContain('88/00.04.01/2024');
      await shot('03-after-approval');
    });

    it('switches language, and keeps the choice', async () => {
      await page.goto(`${site}/agreements/${KYM}`);
      await page.getByRole('link', { name: 'Svenska' }).click();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('sv');
      await expect(page.locator('main').textContent()).resolves.toContain('Version 1 i kraft sedan 1.12.2023');
      await page.goto(`${site}/`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('sv');
      await page.getByRole('link', { name: 'English' }).click();
      await page.goto(`${site}/agreements/${KYM}`);
      await expect(page.locator('main').textContent()).resolves.toContain('Version 1 in force since 1 Dec 2023');
      await shot('04-agreement-en');
      await page.getByRole('link', { name: 'Suomi' }).click();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fi');
    });

    it("prints an agreement's status report on one A4 page", async () => {
      await page.goto(`${site}/agreements/${KYM}`);
      await page.screenshot({ path: join(ARTEFACTS, '05-agreement.png') });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, path: join(ARTEFACTS, '05-print.pdf') });
      await shot('05-print');
      await page.emulateMedia({ media: 'screen' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
      expect(pages).toHaveLength(1);
    });

    it('works with the keyboard only: skip link, visible focus, links followed with Enter', async () => {
      await page.goto(`${site}/?region=Kymenlaakso`);
      await page.keyboard.press('Tab');
      expect(await focused()).toEqual({ id: '', text: 'Siirry sisältöön', outline: 'solid' });
      await page.keyboard.press('Enter');
      expect((await focused()).id).toBe('main');
      // From the main content, Tab reaches the filters and then the first agreement's link, each visibly focused.
      const title = 'Kymenlaakson hyvinvointialueen ja Kymenlaakson kuntien strateginen yhteistyösopimus';
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        expect(now.outline).toBe('solid');
        if (now.text === title) break;
      }
      expect((await focused()).text).toBe(title);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${site}/agreements/${KYM}`);
      await shot('06-keyboard');
    });

    /** The serious and critical findings of an axe-core scan against WCAG 2.1 A and AA, one line each. */
    const graveIssues = () => graveAxeIssues(page);

    it.each(['/', `/agreements/${KYM}`, `/agreements/${PENDING}`, `/parties/${hamina.partyId}`, `/agreements/${KYM}?lang=sv`, '/?lang=en', '/regions/Kymenlaakso/obligations'])(
      'an axe-core scan of %s finds no serious or critical issue',
      async (path) => {
        await page.goto(`${site}${path}`);
        expect(await graveIssues()).toEqual([]);
      },
      60_000,
    );

    it('on a phone-sized screen the pages fit its width (wide tables scroll inside themselves) and pass the axe scan', async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await phone.addCookies(await context.cookies());
      const small = await phone.newPage();
      try {
        for (const path of ['/', `/agreements/${KYM}`]) {
          await small.goto(`${site}${path}`);
          expect(await small.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
          expect(await graveAxeIssues(small)).toEqual([]);
        }
        await small.screenshot({ path: join(ARTEFACTS, '07-phone.png'), fullPage: true });
      } finally {
        await phone.close();
      }
    }, 60_000);

    it('an axe-core scan of the sign-in page finds no serious or critical issue', async () => {
      await context.clearCookies();
      await page.goto(`${site}/sign-in`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await graveIssues()).toEqual([]);
    }, 60_000);
  });
}

/**
 * A region's obligations on the dashboard over real HTTP (seed 003): met, due and overdue by
 * obligation, period and party at /regions/:region/obligations, filtered by status, in Finnish,
 * Swedish and English, linked from the navigation of a region's admin; the API's
 * GET /api/obligations stays where it was.
 */
import { ETELA_SAVO_ID, etelaSavoFulfilmentCommands, etelaSavoModelCommands, etelaSavoParties } from './fixtures/etela-savo.js';
import { caughtUp, obligationRowOf as rowOf, page, record, signIn, siteOf } from './support/dashboard-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { juva, mikkeli } = etelaSavoParties;
const REGION = '/regions/Etel%C3%A4-Savo/obligations';
const TERM = '1.3.2022–31.5.2025';

describe("a region's obligations on the dashboard", () => {
  let t: TestApp;
  let site: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    site = siteOf(t);
    await caughtUp(t, ETELA_SAVO_ID, await record(t, [...etelaSavoModelCommands(), ...etelaSavoFulfilmentCommands()]));
    admin = await signIn(site, t.adminToken);
  });
  afterAll(async () => t.close());

  it('lists every party of the region met or overdue, in a table with headers, in Finnish by default', async () => {
    const { status, body } = await page(`${site}${REGION}`, admin);
    expect(status).toBe(200);
    expect(body).toContain('<h1>Alueen velvoitteet: Etelä-Savo</h1>');
    expect(body).toContain('<th scope="col">Velvoite</th>');
    expect(body).toContain('<label for="status">Tila</label>');
    expect(rowOf(body, 'kuntakohtainen-neuvottelu', juva.partyId, TERM)).toContain('myöhässä');
    expect(rowOf(body, 'kuntakohtainen-neuvottelu', mikkeli.partyId, TERM)).toContain('toteutunut');
  });

  it('filters by status, and says so in Swedish and English', async () => {
    const overdue = await page(`${site}${REGION}?status=overdue&lang=sv`, admin);
    expect(overdue.body).toContain('<h1>Regionens förpliktelser: Etelä-Savo</h1>');
    expect(rowOf(overdue.body, 'kuntakohtainen-neuvottelu', juva.partyId, TERM)).toContain('försenad');
    expect(overdue.body).not.toContain(`data-obligation="kuntakohtainen-neuvottelu" data-party="${mikkeli.partyId}"`);
    expect(overdue.body).not.toContain('fullgjord</span>');
    expect((await page(`${site}${REGION}?lang=en`, admin)).body).toContain('<h1>Obligations in Etelä-Savo</h1>');
    expect((await page(`${site}${REGION}?status=late`, admin)).status).toBe(400);
  });

  it('shows another region none, and links a region admin to its own from the navigation', async () => {
    expect((await page(`${site}/regions/Uusimaa/obligations?lang=fi`, admin)).body).toContain('Ei velvoitteita.');
    const regional = await signIn(site, t.createToken({ role: 'admin', region: 'Etelä-Savo', name: 'Etelä-Savon aluehallinto' }));
    const { body } = await page(`${site}/?lang=fi`, regional);
    expect(body).toContain(`<a href="${REGION}">Velvoitteet</a>`);
    expect((await page(`${site}/?region=Etel%C3%A4-Savo&lang=fi`, admin)).body).toContain(`<a href="${REGION}">Alueen velvoitteet: Etelä-Savo</a>`);
    // The same admin sees nothing of a region it is not limited to.
    expect((await page(`${site}/regions/Uusimaa/obligations`, regional)).body).toContain('Ei velvoitteita.');
  });

  it('leaves the API at GET /api/obligations', async () => {
    const res = await t.call('/obligations?region=Etel%C3%A4-Savo&status=overdue', { token: t.adminToken });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: { partyId: string }[] }).items.some((row) => row.partyId === juva.partyId)).toBe(true);
  });
});

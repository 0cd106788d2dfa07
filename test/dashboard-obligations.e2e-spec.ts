/**
 * The party's obligations on the dashboard over real HTTP (seed 003): beside its pending list,
 * per obligation and period met, due or overdue, in Finnish, Swedish and English.
 */
import { ETELA_SAVO_ID, etelaSavoFulfilmentCommands, etelaSavoModelCommands, etelaSavoParties } from './fixtures/etela-savo.js';
import { caughtUp, obligationRowOf as rowOf, page, record, signIn, siteOf } from './support/dashboard-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { juva, mikkeli } = etelaSavoParties;

describe("the party's obligations on the dashboard", () => {
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

  it("shows Juva's council-term negotiation overdue, in Finnish by default, and only Juva's rows", async () => {
    const { status, body } = await page(`${site}/parties/${juva.partyId}`, admin);
    expect(status).toBe(200);
    expect(body).toContain('<h2>Osapuolen velvoitteet</h2>');
    expect(rowOf(body, 'kuntakohtainen-neuvottelu', juva.partyId, '1.3.2022–31.5.2025')).toContain('myöhässä');
    expect(body).not.toContain(`data-party="${mikkeli.partyId}"`);
  });

  it('shows the day a negotiation met it, in Swedish and English too', async () => {
    const sv = await page(`${site}/parties/${mikkeli.partyId}?lang=sv`, admin);
    expect(sv.body).toContain('<h2>Partens förpliktelser</h2>');
    const met = rowOf(sv.body, 'kuntakohtainen-neuvottelu', mikkeli.partyId, '1.3.2022–31.5.2025');
    expect(met).toContain('fullgjord');
    expect(met).toContain('16.10.2023');
    expect((await page(`${site}/parties/${mikkeli.partyId}?lang=en`, admin)).body).toContain('<h2>Obligations of the party</h2>');
  });
});

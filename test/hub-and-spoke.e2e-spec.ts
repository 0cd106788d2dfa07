/**
 * Seed 002, Varsinais-Suomi, as a hub-and-spoke framework over real HTTP: Varha binds each
 * municipality that commits, one municipality's rejection touches no other, and an interface
 * agreement becomes part of the framework.
 */
import type { AgreementCommand } from '../src/agreements/domain/agreement-commands.js';
import {
  VARSINAIS_SUOMI_FRAMEWORK_ID as FRAMEWORK,
  VARSINAIS_SUOMI_HEALTH_INTERFACE_ID as INTERFACE,
  interfaceParties,
  varsinaisSuomiFrameworkCommands,
  varsinaisSuomiHealthInterfaceCommands,
} from './fixtures/varsinais-suomi-interfaces.js';
import { toHttpRequest } from './support/command-requests.js';
import { page, signIn, siteOf } from './support/dashboard-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { county, raisio, naantali, masku, kaarina, lieto } = interfaceParties;
const SHA = 'ab'.repeat(32);

describe('Varsinais-Suomi (seed 002): a hub-and-spoke framework and its parts', () => {
  let t: TestApp;
  let last = '';
  const get = async (path: string, token = t.adminToken) => {
    const res = await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token });
    return { status: res.status, body: (await res.json()) as any };
  };
  const post = (path: string, json: unknown, token = t.adminToken) => t.call(path, { method: 'POST', token, json });

  async function play(commands: readonly AgreementCommand[]): Promise<void> {
    for (const command of commands) {
      const { method, path, body } = toHttpRequest(command);
      const res = await t.call(path, { method, token: t.adminToken, json: body });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      last = ((await res.json()) as { position: string }).position;
    }
  }

  /** The whole log, as an auditor reads it: a refusal must leave it as it was. */
  async function log(): Promise<unknown[]> {
    const ids = ((await get('/agreements')).body.items as { agreementId: string }[]).map((item) => item.agreementId);
    return Promise.all(ids.map(async (id) => (await get(`/agreements/${id}/events`)).body));
  }

  beforeAll(async () => {
    t = await startTestApp();
    await play(varsinaisSuomiFrameworkCommands());
    await play(varsinaisSuomiHealthInterfaceCommands());
  });
  afterAll(async () => t.close());

  it('binds exactly the three municipalities that approved and signed, each from its own date', async () => {
    const { body: status } = await get(`/agreements/${FRAMEWORK}/status?asOf=2024-01-31`);
    expect(status).toMatchObject({ inForce: true, inForceVersion: 1, inForceSince: '2023-06-20', latestVersionState: 'in-force' });
    expect(status.boundParties).toEqual([
      { partyId: naantali.partyId, version: 1, since: '2023-06-20' },
      { partyId: masku.partyId, version: 1, since: '2023-06-21' },
      { partyId: kaarina.partyId, version: 1, since: '2023-08-28' },
    ]);
  });

  it("leaves Lieto unbound by its rejection and Raisio undecided, without touching the others", async () => {
    const { body: status } = await get(`/agreements/${FRAMEWORK}/status?asOf=2024-01-31`);
    const progress = (partyId: string) => status.pending.find((party: { partyId: string }) => party.partyId === partyId);
    expect(progress(lieto.partyId)).toMatchObject({ approval: 'rejected', signature: 'missing' });
    expect(progress(raisio.partyId)).toMatchObject({ approval: 'missing', signature: 'missing' });
    expect(progress(county.partyId)).toMatchObject({ approval: 'approved', signature: 'signed' });
    expect(status.boundParties.map((bound: { partyId: string }) => bound.partyId)).not.toContain(lieto.partyId);
  });

  it('asks Raisio, not Lieto, to act on the framework', async () => {
    const raisioPending = (await get(`/parties/${raisio.partyId}/pending`)).body;
    expect(raisioPending).toEqual([{ agreementId: FRAMEWORK, title: expect.any(String), version: 1, missing: ['approval', 'signature'] }]);
    expect((await get(`/parties/${lieto.partyId}/pending`)).body).toEqual([]);
  });

  it('answers asOf a date before Kaarina signed with the two spokes bound then', async () => {
    const { body: status } = await get(`/agreements/${FRAMEWORK}/status?asOf=2023-07-01`);
    expect(status.boundParties.map((bound: { partyId: string }) => bound.partyId)).toEqual([naantali.partyId, masku.partyId]);
  });

  it('lists the framework as in force in its region while some spoke is bound', async () => {
    const { body: list } = await get('/agreements?region=Varsinais-Suomi&status=in-force');
    expect(list.items.map((item: { agreementId: string }) => item.agreementId)).toEqual([INTERFACE, FRAMEWORK]);
    expect(list.items[1]).toMatchObject({ status: 'in-force', inForceVersion: 1, inForceSince: '2023-06-20' });
  });

  it('gives version 1 an interval in force per spoke', async () => {
    const { body: version } = await get(`/agreements/${FRAMEWORK}/versions/1?asOf=2024-01-31`);
    expect(version.inForce).toEqual([
      { from: '2023-06-20', to: null, endedBy: null, partyId: naantali.partyId },
      { from: '2023-06-21', to: null, endedBy: null, partyId: masku.partyId },
      { from: '2023-08-28', to: null, endedBy: null, partyId: kaarina.partyId },
    ]);
  });

  it('lists the interface agreement among the framework’s parts, with its status', async () => {
    const { body: framework } = await get(`/agreements/${FRAMEWORK}`);
    expect(framework).toMatchObject({ forceRule: { kind: 'hub-and-spoke', hub: county.partyId }, partOf: null, status: 'in-force' });
    expect(framework.parts).toEqual([
      expect.objectContaining({ agreementId: INTERFACE, kind: 'interface', status: 'in-force', inForceVersion: 1, inForceSince: '2023-11-08' }),
    ]);
    const { body: part } = await get(`/agreements/${INTERFACE}`);
    expect(part).toMatchObject({ forceRule: { kind: 'all-parties' }, partOf: FRAMEWORK, parts: [] });
  });

  it('shows each part only to those who may see it: its own parties, not every party of the framework', async () => {
    const naantaliClerk = t.createToken({ role: 'clerk', partyId: naantali.partyId, name: 'Naantalin kirjaamo' });
    const kaarinaClerk = t.createToken({ role: 'clerk', partyId: kaarina.partyId, name: 'Kaarinan kirjaamo' });
    expect((await get(`/agreements/${FRAMEWORK}`, naantaliClerk)).body.parts.map((p: { agreementId: string }) => p.agreementId)).toEqual([INTERFACE]);
    expect((await get(`/agreements/${FRAMEWORK}`, kaarinaClerk)).body.parts).toEqual([]);
    expect((await get(`/agreements/${INTERFACE}`, kaarinaClerk)).status).toBe(404);
  });

  it("shows the bound spokes on the framework's dashboard page, and only those", async () => {
    const site = siteOf(t);
    const { status, body } = await page(`${site}/agreements/${FRAMEWORK}?asOf=2024-01-31&lang=en`, await signIn(site, t.adminToken));
    expect(status).toBe(200);
    const bound = /<h2>Bound parties<\/h2><ul>(.*?)<\/ul>/s.exec(body)?.[1] ?? '';
    for (const spoke of [naantali, masku, kaarina]) expect(bound).toContain(spoke.name);
    for (const other of [lieto, raisio]) expect(bound).not.toContain(other.name);
  });

  describe('refusals append nothing', () => {
    const draft = (overrides: Record<string, unknown>) => ({
      agreementId: 'varsinais-suomi-tyollisyys-2023',
      title: 'Työllisyyden hoidon yhdyspintasopimus',
      region: 'Varsinais-Suomi',
      kind: 'interface',
      parties: [county, naantali],
      document: { title: 'Yhdyspintasopimus', sha256: SHA },
      annexes: [],
      ...overrides,
    });
    type Case = [label: string, status: number, path: string, body: unknown, field: string];
    const cases: Case[] = [
      ['partOf naming no agreement', 422, '/agreements', draft({ partOf: 'varsinais-suomi-ei-ole' }), 'partOf'],
      ['partOf naming an agreement of another region', 422, '/agreements', draft({ region: 'Satakunta', partOf: FRAMEWORK }), 'partOf'],
      ['a hub that is not a party', 422, '/agreements', draft({ forceRule: { kind: 'hub-and-spoke', hub: lieto.partyId } }), 'forceRule.hub'],
      ['a hub-and-spoke rule without a hub', 400, '/agreements', draft({ forceRule: { kind: 'hub-and-spoke' } }), 'forceRule.hub'],
      ['a hub with the all-parties rule', 400, '/agreements', draft({ forceRule: { kind: 'all-parties', hub: county.partyId } }), 'forceRule.hub'],
      ['an unknown force rule', 400, '/agreements', draft({ forceRule: { kind: 'majority' } }), 'forceRule.kind'],
      ['an amendment removing the hub', 422, `/agreements/${FRAMEWORK}/amendments`, { basedOn: 1, summary: 'Varha eroaa', changes: [{ op: 'remove-party', partyId: county.partyId }] }, 'changes[0].partyId'],
    ];

    it.each(cases)('%s → %i', async (_label, status, path, body, field) => {
      const before = await log();
      const res = await post(path, body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as { detail: string; field?: string; errors?: { field: string }[] };
      expect(JSON.stringify(problem)).toContain(field);
      expect(await log()).toEqual(before);
    });
  });
});

/**
 * Calendar feeds over real HTTP on seed 003: a feed made by a principal answers, with no
 * Authorization header, what `GET /api/obligations?status=due|overdue` gives that principal, as a
 * file a standard iCalendar parser reads; revoking the feed, or the token behind it, ends it.
 */
import nodeIcal from 'node-ical';
import { etelaSavoFulfilmentCommands, etelaSavoModelCommands, etelaSavoParties } from './fixtures/etela-savo.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const { juva } = etelaSavoParties;

interface Row {
  agreementId: string;
  obligationId: string;
  from: string;
  to: string | null;
  dueBy: string | null;
  partyId: string;
  title: string;
  partyName: string;
  agreementTitle: string;
  legalBasis: string | null;
}

describe('calendar feeds of the obligations due', () => {
  let t: TestApp;
  const origin = () => t.api.replace(/\/api$/, '');

  const createFeed = async (token: string, json: unknown = {}) => {
    const res = await t.call('/calendar-feeds', { method: 'POST', token, json });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** Fetched as a calendar client would: no Authorization header. */
  const fetchFeed = (url: string) => fetch(url.startsWith('http') ? url : `${origin()}${url}`);
  const events = async (url: string) => {
    const res = await fetchFeed(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    return Object.values(nodeIcal.sync.parseICS(await res.text())).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');
  };
  const dueRows = async (token: string, partyId?: string): Promise<Row[]> => {
    const rows: Row[] = [];
    const party = partyId === undefined ? '' : `&partyId=${partyId}`;
    rows.push(...((await (await t.call(`/obligations?status=due&limit=500${party}`, { token })).json()) as any).items);
    return rows.filter((row) => (row.dueBy ?? row.to) !== null);
  };
  /** One event per agreement, obligation and period, whichever parties still have to act in it. */
  const uidOf = (row: Row) => `${row.agreementId}.${row.obligationId}.${row.from}@agreement-ledger`;
  const uidsOf = (rows: Row[]) => [...new Set(rows.map(uidOf))].sort();
  const day = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

  beforeAll(async () => {
    t = await startTestApp();
    for (const command of [...etelaSavoModelCommands(), ...etelaSavoFulfilmentCommands()]) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    }
  });
  afterAll(async () => t.close());

  it('answers without credentials with one event per agreement, obligation and period still due, the same UIDs on every fetch', async () => {
    const { status, body } = await createFeed(t.adminToken, { name: 'Kirjaamon kalenteri' });
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.any(String),
      feedToken: expect.stringMatching(/^cal_[A-Za-z0-9_-]{43}$/),
      url: `${origin()}/api/calendar/${body.feedToken}.ics`,
      name: 'Kirjaamon kalenteri',
      region: null,
      partyId: null,
      createdAt: expect.any(String),
    });

    const rows = await dueRows(t.adminToken);
    expect(rows.length).toBeGreaterThan(0);
    const first = await events(body.url);
    const byUid = new Map(first.map((event) => [event.uid, event]));
    expect([...byUid.keys()].sort()).toEqual(uidsOf(rows));
    expect(first.length).toBeLessThan(rows.length);
    for (const row of rows) {
      const event = byUid.get(uidOf(row))!;
      expect(event.start.dateOnly).toBe(true);
      expect(day(event.start)).toBe(row.dueBy ?? row.to);
      expect(event.summary).toBe(row.title);
      expect(event.description).toContain(row.agreementTitle);
      expect(event.description).toContain(row.partyName);
      if (row.legalBasis !== null) expect(event.description).toContain(row.legalBasis);
    }
    const second = await events(body.url);
    expect(second.map((event) => event.uid).sort()).toEqual([...byUid.keys()].sort());
  });

  it("lists the caller's own feeds without their tokens, and revoking one ends its URL", async () => {
    const { body: feed } = await createFeed(t.adminToken);
    const other = t.createToken({ role: 'auditor', name: 'Tarkastaja' });
    const listed = (await (await t.call('/calendar-feeds', { token: t.adminToken })).json()) as any;
    expect(listed.items).toContainEqual({ id: feed.id, name: null, region: null, partyId: null, createdAt: feed.createdAt });
    expect(JSON.stringify(listed)).not.toContain(feed.feedToken);
    expect(((await (await t.call('/calendar-feeds', { token: other })).json()) as any).total).toBe(0);

    expect((await t.call(`/calendar-feeds/${feed.id}`, { method: 'DELETE', token: other })).status).toBe(404);
    expect((await fetchFeed(feed.url)).status).toBe(200);
    expect((await t.call(`/calendar-feeds/${feed.id}`, { method: 'DELETE', token: t.adminToken })).status).toBe(204);
    const gone = await fetchFeed(feed.url);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetchFeed('/api/calendar/cal_unknown.ics')).status).toBe(404);
  });

  it("shows a clerk's feed only its party's rows, and stops when the clerk's token is revoked", async () => {
    const clerk = t.createToken({ role: 'clerk', partyId: juva.partyId, name: 'Juvan kirjaamo' });
    const { body: feed } = await createFeed(clerk);
    const rows = await dueRows(clerk, juva.partyId);
    expect(rows.length).toBeGreaterThan(0);
    // Juva convenes nothing: every row is its own.
    expect(rows.every((row) => row.partyId === juva.partyId)).toBe(true);
    const shown = await events(feed.url);
    expect(shown.map((event) => event.uid).sort()).toEqual(uidsOf(rows));
    // Only Juva is named as still to act, though other parties of the same periods are too.
    expect((await dueRows(clerk)).some((row) => row.partyId !== juva.partyId)).toBe(true);
    for (const event of shown) expect(String(event.description).split('\n').at(-1)).toBe(juva.name);

    const tokenId = ((await (await t.call('/tokens', { token: t.adminToken })).json()) as any).items.find((token: { name: string }) => token.name === 'Juvan kirjaamo').id;
    expect((await t.call(`/tokens/${tokenId}`, { method: 'DELETE', token: t.adminToken })).status).toBe(204);
    // The token store rereads a revocation made elsewhere within a second; this one went through the server.
    expect((await fetchFeed(feed.url)).status).toBe(404);
  });

  it('narrows a feed to the region and the party it names', async () => {
    const { body: feed } = await createFeed(t.adminToken, { region: 'Etelä-Savo', partyId: juva.partyId });
    expect(feed).toMatchObject({ region: 'Etelä-Savo', partyId: juva.partyId });
    const rows = await dueRows(t.adminToken, juva.partyId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan((await dueRows(t.adminToken)).length);
    expect((await events(feed.url)).map((event) => event.uid).sort()).toEqual(uidsOf(rows));
    const { body: elsewhere } = await createFeed(t.adminToken, { region: 'Kymenlaakso' });
    expect(await events(elsewhere.url)).toHaveLength(0);
  });

  it("stops when the token of the principal that made it expires", async () => {
    const shortLived = t.createToken({ role: 'auditor', name: 'Lyhytaikainen', expiresAt: new Date(Date.now() + 1500).toISOString() });
    const { body: feed } = await createFeed(shortLived);
    expect((await fetchFeed(feed.url)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await fetchFeed(feed.url)).status).toBe(404);
  });

  it('refuses a body it cannot keep with a 400 naming the field', async () => {
    const refused: [unknown, string][] = [
      [{ name: 42 }, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ region: '' }, 'region'],
      [{ partyId: 'not a party id' }, 'partyId'],
    ];
    for (const [json, field] of refused) {
      const { status, body } = await createFeed(t.adminToken, json);
      expect(status).toBe(400);
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.errors.map((error: { field: string }) => error.field)).toEqual(body.errors.map(() => field));
    }
    const before = ((await (await t.call('/calendar-feeds', { token: t.adminToken })).json()) as any).total;
    const { status, body } = await createFeed(t.adminToken, { description: 'not a field' });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('description');
    expect(((await (await t.call('/calendar-feeds', { token: t.adminToken })).json()) as any).total).toBe(before);
  });
});

/**
 * Seed 004 over real HTTP: the Keski-Suomi framework agreement for a fixed term, 1.1.2023–
 * 31.12.2025, and its successor from 1.1.2026, a new agreement. The first is never terminated: it
 * expires, and the successor takes over the next day.
 */
import {
  KESKI_SUOMI_2023_ID,
  KESKI_SUOMI_2026_ID,
  KINNULA_BOARD,
  keskiSuomi2023Commands,
  keskiSuomi2026Commands,
  keskiSuomiParties,
} from './fixtures/keski-suomi.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const OLD = KESKI_SUOMI_2023_ID;
const NEW = KESKI_SUOMI_2026_ID;

describe('Keski-Suomi: a fixed-term agreement expires and its successor takes over', () => {
  let t: TestApp;
  let last = '';
  /** The position of each command of the 2023 agreement, in order. */
  const positions: string[] = [];
  const get = async (path: string) => {
    const res = await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token: t.adminToken });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const command of [...keskiSuomi2023Commands(), ...keskiSuomi2026Commands()]) {
      const { path, body } = toHttpRequest(command);
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json: body });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      last = ((await res.json()) as { position: string }).position;
      if (command.data.agreementId === OLD) positions.push(last);
    }
  });
  afterAll(async () => t.close());

  it('approved and signed in autumn 2022, the agreement waits for its first day', async () => {
    const { body } = await get(`/agreements/${OLD}/status?asOf=2022-12-31`);
    expect(body).toMatchObject({ inForce: false, latestVersionState: 'pending' });
    expect(body.pending.every((p: { approval: string; signature: string }) => p.approval === 'approved' && p.signature === 'signed')).toBe(true);
    expect((await get(`/agreements/${OLD}/status?asOf=2023-01-01`)).body).toMatchObject({ inForceVersion: 1, inForceSince: '2023-01-01' });
  });

  it('is in force on its last day, 31.12.2025, and expired from the next', async () => {
    expect((await get(`/agreements/${OLD}/status?asOf=2025-12-31`)).body).toMatchObject({ inForceVersion: 1, latestVersionState: 'in-force' });
    expect((await get(`/agreements/${OLD}/status?asOf=2026-01-01`)).body).toMatchObject({
      inForce: false,
      inForceVersion: null,
      latestVersionState: 'expired',
      terminatedOn: null,
    });
    const [version1] = (await get(`/agreements/${OLD}/versions?asOf=2026-01-01`)).body;
    expect(version1).toMatchObject({
      effectiveFrom: '2023-01-01',
      effectiveUntil: '2025-12-31',
      state: 'expired',
      inForce: [{ from: '2023-01-01', to: '2026-01-01', endedBy: 'expired' }],
    });
  });

  it("keeps the boards' proposals in the history, never counting", async () => {
    const [version1] = (await get(`/agreements/${OLD}/versions`)).body;
    const proposals = version1.decisions.filter((d: { outcome: string }) => d.outcome === 'proposed');
    expect(proposals).toHaveLength(2);
    expect(proposals.find((d: { body: string }) => d.body === KINNULA_BOARD)).toMatchObject({
      partyId: keskiSuomiParties.kinnula.partyId,
      decidedOn: '2022-10-10',
      counts: false,
      meeting: { section: '§ 237', diaryNumber: '275/00.01.01/2022' },
    });
  });

  it('the successor is in force from 1.1.2026, the day the old one expired, with both of Jyväskylä’s signatories', async () => {
    expect((await get(`/agreements/${NEW}/status?asOf=2025-12-31`)).body).toMatchObject({ inForce: false, latestVersionState: 'pending' });
    const { body } = await get(`/agreements/${NEW}/status?asOf=2026-01-01`);
    expect(body).toMatchObject({ inForceVersion: 1, inForceSince: '2026-01-01', latestVersionState: 'in-force' });
    const jyvaskyla = body.pending.find((p: { partyId: string }) => p.partyId === keskiSuomiParties.jyvaskyla.partyId);
    expect(jyvaskyla.signatories.map((s: { name: string; signedOn: string }) => [s.name, s.signedOn])).toEqual([
      ['Matti Meikäläinen', '2025-11-26'],
      ['Riitta Mäkinen', '2025-11-27'],
    ]);
  });

  it('today the list shows the old agreement expired and the successor in force', async () => {
    const expired = (await get('/agreements?region=Keski-Suomi&status=expired')).body;
    expect(expired).toMatchObject({ total: 1, items: [{ agreementId: OLD, status: 'expired', inForceVersion: null }] });
    const inForce = (await get('/agreements?region=Keski-Suomi&status=in-force')).body;
    expect(inForce).toMatchObject({ total: 1, items: [{ agreementId: NEW, status: 'in-force', inForceSince: '2026-01-01' }] });
    expect((await get('/agreements?status=over')).status).toBe(400);
  });

  it("finality: each council approval is final after its window (minutes + 7 + 30 days; the regional council's board + 7 + 14)", async () => {
    const { body } = await get(`/agreements/${OLD}/status?asOf=2022-12-16`);
    const byParty = (id: string) => body.pending.find((p: { partyId: string }) => p.partyId === id);
    // Published 9.11.2022: notified 16.11., the 30 days end on Friday 16.12.2022.
    expect(byParty(keskiSuomiParties.laukaa.partyId)).toMatchObject({ appealableUntil: '2022-12-16', final: false, appealPending: false });
    // Published 29.9.2022: the window ends Saturday 5.11.2022 and moves to Monday 7.11.
    expect(byParty(keskiSuomiParties.county.partyId)).toMatchObject({ appealableUntil: '2022-11-07', final: true });
    // The regional council's board: published 18.10.2022, + 7 + 14 = 8.11.2022.
    expect(byParty(keskiSuomiParties.liitto.partyId)).toMatchObject({ appealableUntil: '2022-11-08', final: true });
    expect((await get(`/agreements/${OLD}/status?asOf=2023-01-01`)).body).toMatchObject({ inForceVersion: 1, finalSince: '2022-12-17' });
    // The successor's minutes are not recorded: in force, never final.
    expect((await get(`/agreements/${NEW}/status?asOf=2026-06-01`)).body).toMatchObject({ inForceVersion: 1, finalSince: null });
  });

  it('an appeal lodged within the window keeps the approval from being final until it is resolved', async () => {
    const [version1] = (await get(`/agreements/${OLD}/versions`)).body;
    const laukaas = version1.decisions.find((d: { partyId: string; counts: boolean }) => d.partyId === keskiSuomiParties.laukaa.partyId && d.counts);
    const post = async (path: string, json: unknown) => {
      const res = await t.call(path, { method: 'POST', token: t.adminToken, json });
      const answer = (await res.json()) as any;
      if (res.status === 201) last = answer.position;
      return { status: res.status, body: answer };
    };
    const beforeAppeal = last;
    const lodged = await post(`/agreements/${OLD}/appeals`, { decisionId: laukaas.decisionId, lodgedOn: '2022-12-12', authority: 'Hämeenlinnan hallinto-oikeus', caseNumber: 'H 501/2022' });
    expect(lodged.status).toBe(201);
    const pending = (await get(`/agreements/${OLD}/status?asOf=2023-01-01`)).body;
    expect(pending).toMatchObject({ inForceVersion: 1, finalSince: null });
    // As the ledger knew it before the appeal was recorded, every approval was final from 17.12.2022.
    const known = (await get(`/agreements/${OLD}/status?asOf=2023-01-01&knownAt=${beforeAppeal}`)).body;
    expect(known).toMatchObject({ inForceVersion: 1, finalSince: '2022-12-17' });
    expect(known.pending.find((p: { partyId: string }) => p.partyId === keskiSuomiParties.laukaa.partyId)).toMatchObject({ final: true, appealPending: false });
    expect(pending.pending.find((p: { partyId: string }) => p.partyId === keskiSuomiParties.laukaa.partyId)).toMatchObject({ final: false, appealPending: true });
    expect((await post(`/agreements/${OLD}/appeals/${lodged.body.eventId}/resolution`, { resolvedOn: '2023-02-15', outcome: 'annulled' })).status).toBe(422);
    expect((await post(`/agreements/${OLD}/appeals/${lodged.body.eventId}/resolution`, { resolvedOn: '2023-02-15', outcome: 'dismissed' })).status).toBe(201);
    expect((await post(`/agreements/${OLD}/appeals/${lodged.body.eventId}/resolution`, { resolvedOn: '2023-02-16', outcome: 'withdrawn' })).status).toBe(422);
    expect((await get(`/agreements/${OLD}/status?asOf=2023-03-01`)).body).toMatchObject({ finalSince: '2023-02-15' });
    const [after] = (await get(`/agreements/${OLD}/versions?asOf=2023-03-01`)).body;
    expect(after.decisions.find((d: { decisionId: string }) => d.decisionId === laukaas.decisionId).appeals).toEqual([
      { appealId: lodged.body.eventId, lodgedOn: '2022-12-12', authority: 'Hämeenlinnan hallinto-oikeus', caseNumber: 'H 501/2022', resolvedOn: '2023-02-15', outcome: 'dismissed' },
    ]);
  });

  it('as known before its last signature was recorded, the old agreement never entered into force', async () => {
    const beforeLast = positions[positions.length - 2]!;
    const { body } = await get(`/agreements/${OLD}/status?asOf=2024-06-01&knownAt=${beforeLast}`);
    expect(body).toMatchObject({ inForce: false, latestVersionState: 'pending' });
    const [version1] = (await get(`/agreements/${OLD}/versions?asOf=2024-06-01&knownAt=${beforeLast}`)).body;
    expect(version1.inForce).toEqual([]);
  });
});

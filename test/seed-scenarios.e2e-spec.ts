/**
 * Seeds 000, 001 and 002 over real HTTP, each as the minutes tell it (seed 004, Keski-Suomi, has
 * its own file): Kymenlaakso, where one municipality's board is its competent body; Keski-
 * Pohjanmaa, with a confidential Annex B amended into version 2; Varsinais-Suomi, where a city
 * board notes the draft and nothing changes.
 */
import type { AgreementCommand } from '../src/agreements/domain/agreement-commands.js';
import {
  ANNEX_B_2025_SHA256,
  KESKI_POHJANMAA_AGREEMENT_ID,
  PREPAREDNESS_LEGAL_BASIS,
  REGIONAL_COMMITTEE,
  keskiPohjanmaaCommands,
  keskiPohjanmaaParties,
} from './fixtures/keski-pohjanmaa.js';
import { KYMENLAAKSO_AGREEMENT_ID, PYHTAA_BOARD, kymenlaaksoCommands, kymenlaaksoParties } from './fixtures/kymenlaakso.js';
import { RAISIO_BOARD, VARSINAIS_SUOMI_AGREEMENT_ID, varsinaisSuomiCommands, varsinaisSuomiParties } from './fixtures/varsinais-suomi.js';
import { toHttpRequest } from './support/command-requests.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Decision {
  readonly partyId: string | null;
  readonly jointBody: string | null;
  readonly body: string;
  readonly outcome: string;
  readonly decidedOn: string;
  readonly counts: boolean;
  readonly meeting: { readonly section: string; readonly diaryNumber?: string };
}

describe('the seed scenarios end to end', () => {
  let t: TestApp;
  let last = '';
  /** The log position after each command, by agreement. */
  const positions = new Map<string, string[]>();
  const get = async (path: string) => (await (await t.call(`${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`, { token: t.adminToken })).json()) as any;

  async function play(commands: readonly AgreementCommand[]): Promise<void> {
    for (const command of commands) {
      const { method, path, body } = toHttpRequest(command);
      const res = await t.call(path, { method, token: t.adminToken, json: body });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      last = ((await res.json()) as { position: string }).position;
      const id = command.data.agreementId;
      positions.set(id, [...(positions.get(id) ?? []), last]);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    await play(kymenlaaksoCommands());
    await play(keskiPohjanmaaCommands());
    await play(varsinaisSuomiCommands());
  });
  afterAll(async () => t.close());

  describe('Kymenlaakso (seed 000): a municipal board approves, the others’ councils', () => {
    const ID = KYMENLAAKSO_AGREEMENT_ID;
    const { pyhtaa, county, kouvola } = kymenlaaksoParties;

    it("counts the board's approval of 9.10.2023 § 160 as Pyhtää's: its board is its competent body", async () => {
      const [version1] = await get(`/agreements/${ID}/versions?asOf=2023-10-10`);
      expect(version1.parties.find((p: { partyId: string }) => p.partyId === pyhtaa.partyId)).toMatchObject({ competentBody: PYHTAA_BOARD, competentBodyKind: 'board' });
      const board = version1.decisions.find((d: Decision) => d.partyId === pyhtaa.partyId);
      expect(board).toMatchObject({ body: PYHTAA_BOARD, outcome: 'approved', decidedOn: '2023-10-09', counts: true, meeting: { section: '§ 160', diaryNumber: '626/00.04.01/2023' } });
      const status = await get(`/agreements/${ID}/status?asOf=2023-10-10`);
      expect(status.pending.find((p: { partyId: string }) => p.partyId === pyhtaa.partyId)).toMatchObject({ approval: 'approved', signature: 'missing' });
    });

    it("records the other boards' proposals and Kouvola's tabling, none counting", async () => {
      const [version1] = await get(`/agreements/${ID}/versions?asOf=2024-01-01`);
      const notCounting = version1.decisions.filter((d: Decision) => !d.counts).map((d: Decision) => [d.partyId, d.outcome]);
      expect(notCounting).toEqual([
        [kymenlaaksoParties.hamina.partyId, 'proposed'],
        [county.partyId, 'proposed'],
        [kouvola.partyId, 'tabled'],
      ]);
      const status = await get(`/agreements/${ID}/status?asOf=2023-11-19`);
      expect(status.pending.find((p: { partyId: string }) => p.partyId === kouvola.partyId).approval).toBe('missing');
    });

    it('enters into force with the last signature, 1.12.2023; as known before it was recorded, it had not', async () => {
      expect(await get(`/agreements/${ID}/status?asOf=2023-11-30`)).toMatchObject({ inForce: false, latestVersionState: 'pending' });
      expect(await get(`/agreements/${ID}/status?asOf=2023-12-01`)).toMatchObject({ inForceVersion: 1, inForceSince: '2023-12-01', latestVersionState: 'in-force' });
      const beforeLast = positions.get(ID)!.at(-2)!;
      expect(await get(`/agreements/${ID}/status?asOf=2024-01-01&knownAt=${beforeLast}`)).toMatchObject({ inForce: false });
    });
  });

  describe('Keski-Pohjanmaa (seed 001): a confidential Annex B, amended', () => {
    const ID = KESKI_POHJANMAA_AGREEMENT_ID;

    it('keeps Annex B confidential with its legal basis, in both versions', async () => {
      const versions = await get(`/agreements/${ID}/versions`);
      for (const version of versions) {
        expect(version.annexes.find((a: { annexId: string }) => a.annexId === 'B')).toMatchObject({ publicity: 'confidential', legalBasis: PREPAREDNESS_LEGAL_BASIS });
      }
      expect(versions[1]).toMatchObject({ basedOn: 1, changes: [{ op: 'amend-annex', annexId: 'B', sha256: ANNEX_B_2025_SHA256 }] });
    });

    it('lists the regional negotiation committee as a joint body of every party, in both versions', async () => {
      const versions = await get(`/agreements/${ID}/versions`);
      const everyParty = Object.values(keskiPohjanmaaParties).map((p) => p.partyId);
      for (const version of versions) expect(version.jointBodies).toEqual([{ name: REGIONAL_COMMITTEE, members: expect.arrayContaining(everyParty) }]);
      expect(versions[0].parties.find((p: { partyId: string }) => p.partyId === keskiPohjanmaaParties.county.partyId).otherBodies).not.toContain(REGIONAL_COMMITTEE);
    });

    it("records the committee's noting of the drafts and its approval of the final text before the municipalities, under no party, neither counting", async () => {
      const [version1] = await get(`/agreements/${ID}/versions?asOf=2024-07-01`);
      const committee = version1.decisions.filter((d: Decision) => d.jointBody === REGIONAL_COMMITTEE);
      expect(committee.map((d: Decision) => [d.partyId, d.body, d.outcome, d.decidedOn, d.counts])).toEqual([
        [null, REGIONAL_COMMITTEE, 'noted', '2024-01-26', false],
        [null, REGIONAL_COMMITTEE, 'approved', '2024-03-22', false],
      ]);
      expect(committee[0].meeting).toEqual({ section: '§ 6', diaryNumber: '1559/00.02.13/2023' });
      const municipalities = [keskiPohjanmaaParties.kokkola, keskiPohjanmaaParties.kannus, keskiPohjanmaaParties.kaustinen].map((p) => p.partyId);
      const firstMunicipalApproval = version1.decisions.filter((d: Decision) => municipalities.includes(d.partyId ?? '') && d.counts).map((d: Decision) => d.decidedOn).sort()[0];
      expect(committee[1].decidedOn < firstMunicipalApproval).toBe(true);
      // The committee's approval moves no party's approval and no force.
      const status = await get(`/agreements/${ID}/status?asOf=2024-03-23`);
      expect(status).toMatchObject({ inForce: false, inForceVersion: null, finalSince: null });
      expect(status.pending.every((p: { approval: string }) => p.approval === 'missing')).toBe(true);
    });

    it('is in force in version 1 from 12.6.2024 and in version 2 from 9.5.2025, which supersedes it', async () => {
      expect(await get(`/agreements/${ID}/status?asOf=2024-06-12`)).toMatchObject({ inForceVersion: 1, inForceSince: '2024-06-12' });
      expect(await get(`/agreements/${ID}/status?asOf=2025-05-08`)).toMatchObject({ inForceVersion: 1, latestVersion: 2, latestVersionState: 'pending' });
      expect(await get(`/agreements/${ID}/status?asOf=2025-05-09`)).toMatchObject({ inForceVersion: 2, inForceSince: '2025-05-09', latestVersionState: 'in-force' });
      const [version1, version2] = await get(`/agreements/${ID}/versions?asOf=2025-06-01`);
      expect(version1.inForce).toEqual([{ from: '2024-06-12', to: '2025-05-09', endedBy: 'superseded', supersededBy: 2 }]);
      expect(version2.inForce).toEqual([{ from: '2025-05-09', to: null, endedBy: null }]);
    });

    it('the regional council’s board is its competent body: a 14-day window, not the council’s 30', async () => {
      const [version1] = await get(`/agreements/${ID}/versions`);
      expect(version1.parties.find((p: { partyId: string }) => p.partyId === keskiPohjanmaaParties.liitto.partyId).competentBodyKind).toBe('board');
    });
  });

  describe('Varsinais-Suomi (seed 002): a city board notes the draft', () => {
    const ID = VARSINAIS_SUOMI_AGREEMENT_ID;
    const { raisio, naantali } = varsinaisSuomiParties;

    it('records the board’s decision of 27.3.2023 § 73 as noted: Raisio has still to approve', async () => {
      const [version1] = await get(`/agreements/${ID}/versions?asOf=2023-04-01`);
      expect(version1.decisions[0]).toMatchObject({ partyId: raisio.partyId, body: RAISIO_BOARD, outcome: 'noted', counts: false, meeting: { section: '§ 73', diaryNumber: '265/00.04.02/2023' } });
      const status = await get(`/agreements/${ID}/status?asOf=2023-04-01`);
      expect(status.pending.find((p: { partyId: string }) => p.partyId === raisio.partyId).approval).toBe('missing');
    });

    it("counts Naantali's council under its Swedish name", async () => {
      const [version1] = await get(`/agreements/${ID}/versions?asOf=2023-07-01`);
      expect(version1.decisions.find((d: Decision) => d.partyId === naantali.partyId)).toMatchObject({ body: 'Nådendals stadsfullmäktige', counts: true });
    });

    it('enters into force with the last signature; the board noting the follow-up report changes nothing', async () => {
      expect(await get(`/agreements/${ID}/status?asOf=2023-06-21`)).toMatchObject({ inForceVersion: 1, inForceSince: '2023-06-21' });
      const afterNote = await get(`/agreements/${ID}/status?asOf=2024-01-31`);
      expect(afterNote).toMatchObject({ inForceVersion: 1, inForceSince: '2023-06-21', latestVersionState: 'in-force' });
      expect(afterNote.pending.find((p: { partyId: string }) => p.partyId === raisio.partyId).approval).toBe('approved');
      const [version1] = await get(`/agreements/${ID}/versions?asOf=2024-01-31`);
      expect(version1.inForce).toEqual([{ from: '2023-06-21', to: null, endedBy: null }]);
    });
  });
});

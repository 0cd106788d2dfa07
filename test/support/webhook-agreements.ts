/** A small two-party agreement to tell webhook receivers about: Kotka and Hamina, councils approving. */
import type { TestApp } from './test-app.js';

export const KOTKA = { partyId: '0161999-9', name: 'Kotkan kaupunki', kind: 'municipality', competentBody: 'Kotkan kaupunginvaltuusto' };
export const HAMINA = { partyId: '0170906-2', name: 'Haminan kaupunki', kind: 'municipality', competentBody: 'Haminan kaupunginvaltuusto' };
const SHA = 'ab'.repeat(32);

/** What the helpers need of a server: a test app, or a server process a crash test started. */
export type Client = Pick<TestApp, 'call' | 'adminToken'>;

let drafted = 0;

/** A fresh agreement id, so tests on one server do not meet each other's agreements. */
export function newAgreementId(label: string): string {
  return `${label}-${++drafted}-${Date.now().toString(36)}`;
}

export function draftBody(agreementId: string, extra: Record<string, unknown> = {}) {
  return {
    agreementId,
    title: 'Kotkan ja Haminan yhteistyösopimus',
    region: 'Kymenlaakso',
    kind: 'strategic-cooperation',
    parties: [KOTKA, HAMINA],
    document: { title: 'Yhteistyösopimus', sha256: SHA },
    annexes: [],
    ...extra,
  };
}

/** Posts a command as the admin and expects it recorded; returns the command response. */
export async function command(t: Client, path: string, json: unknown, token = t.adminToken): Promise<{ position: string; eventId: string }> {
  const response = await t.call(path, { method: 'POST', token, json });
  if (response.status !== 201) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { position: string; eventId: string };
}

/** Both councils approve and both parties sign on `on`: version 1 enters into force (or is due to, with a later effectiveFrom). */
export async function approveAndSign(t: Client, agreementId: string, on = '2024-01-10'): Promise<void> {
  for (const party of [KOTKA, HAMINA]) {
    await command(t, `/agreements/${agreementId}/decisions`, {
      partyId: party.partyId,
      body: party.competentBody,
      outcome: 'approved',
      version: 1,
      decidedOn: on,
      meeting: { section: '§ 12' },
    });
    await command(t, `/agreements/${agreementId}/signatures`, {
      partyId: party.partyId,
      version: 1,
      signatory: { name: `${party.name} johtaja`, title: 'kaupunginjohtaja' },
      signedOn: on,
      method: 'electronic',
    });
  }
}

/** A response's JSON, loosely typed as the e2e specs read it: their assertions are the type check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function read(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

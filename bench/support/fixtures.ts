import { createHash } from 'node:crypto';
import { encodeAgreementEvent } from '../../src/core/agreement-contract.js';
import type { AgreementAmended, AmendmentChange } from '../../src/core/agreement-events.js';
import { partyIdCheckDigit } from '../../src/core/party-id.js';
import type { EventToAppend, JsonObject } from '../../src/event-store/event-store.port.js';

/** Target size of one event's `data` as JSON, in bytes. */
export const EVENT_DATA_BYTES = 1024;

/** The stream of agreement n. */
export function streamName(n: number): string {
  return `agreement-${agreementId(n)}`;
}

function agreementId(n: number): string {
  return `pirkanmaa-yhdyspinta-${String(n).padStart(6, '0')}`;
}

const MUNICIPALITIES = [
  ['Nokian', 'kaupunki'],
  ['Kangasalan', 'kaupunki'],
  ['Lempäälän', 'kunta'],
  ['Pirkkalan', 'kunta'],
  ['Vesilahden', 'kunta'],
] as const;

const SUMMARY_TEXT =
  'Sopimuksen kustannustenjakoa tarkistetaan vuoden 2025 asukasluvun mukaiseksi, tietosuojaliite päivitetään ' +
  'hyvinvointialueen asiakastietojärjestelmän vaihdon vuoksi ja sopimukseen liittyy uusi osapuoli kuntarajojen ' +
  'muutoksen johdosta. Muutokset on käsitelty yhteistyöryhmässä, ja ne tulevat voimaan, kun kaikki osapuolet ' +
  'ovat hyväksyneet ne toimivaltaisissa toimielimissään. ';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A business id with a valid check digit, constructed (99…, beyond the numbers issued so far). */
function partyId(n: number): string {
  for (let number = 9_900_000 + (n % 90_000); ; number++) {
    const check = partyIdCheckDigit(String(number));
    if (check !== undefined) return `${number}-${check}`;
  }
}

/** The `data` of agreement n's amendment to version 3, with `summary` as given. */
function amendmentData(n: number, summary: string): AgreementAmended['data'] {
  const [genitive, form] = MUNICIPALITIES[n % MUNICIPALITIES.length]!;
  const id = agreementId(n);
  const changes: AmendmentChange[] = [
    { op: 'revise-document', title: 'Yhdyspintasopimus 2025, muutettu', sha256: sha256(`${id}/document/3`) },
    { op: 'amend-annex', annexId: 'liite-1', title: 'Kustannustenjakoperusteet 2025', sha256: sha256(`${id}/liite-1/3`) },
    {
      op: 'add-annex',
      annexId: 'liite-4',
      title: 'Tietosuojaliite (DPA)',
      sha256: sha256(`${id}/liite-4/3`),
      publicity: 'confidential',
      legalBasis: 'JulkL 621/1999 24 § 1 mom. 8 k.',
    },
    {
      op: 'add-party',
      party: { partyId: partyId(n), name: `${genitive} ${form}`, kind: 'municipality', competentBody: `${genitive} ${form === 'kunta' ? 'kunnanvaltuusto' : 'kaupunginvaltuusto'}`, competentBodyKind: 'council' },
    },
  ];
  return { version: 3, basedOn: 2, summary, changes };
}

/** Summary length (in characters) that brings `data` to about EVENT_DATA_BYTES of UTF-8 JSON. */
const SUMMARY_CHARS = (() => {
  let chars = 400;
  for (let i = 0; i < 8; i++) {
    const bytes = Buffer.byteLength(JSON.stringify(amendmentData(0, summaryText(chars))), 'utf8');
    chars += EVENT_DATA_BYTES - bytes;
  }
  return Math.max(1, chars);
})();

function summaryText(chars: number): string {
  // Free text may not end in whitespace only, and trimmed it must say something.
  return SUMMARY_TEXT.repeat(Math.ceil(chars / SUMMARY_TEXT.length) + 1).slice(0, Math.max(1, chars)).trimEnd() + '.';
}

const SUMMARY = summaryText(SUMMARY_CHARS);

/**
 * A ~1 KB AgreementAmended for agreement n (a long summary and four changes, one of them a new
 * party), encoded by the contract with the metadata the command runner gives it.
 */
export function agreementAmended(n: number): EventToAppend & { readonly metadata: JsonObject } {
  const requestId = `0190d6a2-${String(n % 10_000).padStart(4, '0')}-7000-8000-${String(n).padStart(12, '0')}`;
  return encodeAgreementEvent(
    { type: 'AgreementAmended', data: amendmentData(n, SUMMARY) },
    { actor: 'Pirkanmaa / sopimushallinta', actorId: 'tok_5b0e1f0c7a9d2e41', $correlationId: requestId, $causationId: requestId },
  );
}

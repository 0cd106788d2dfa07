import type { EventToAppend, JsonObject } from '../../src/event-store/event-store.port.js';

/** Target size of one event's `data` as JSON, in bytes. */
export const EVENT_DATA_BYTES = 1024;

const BODIES = [
  'Pirkanmaan hyvinvointialueen aluehallitus',
  'Tampereen kaupunginhallitus',
  'Pirkanmaan liiton maakuntahallitus',
  'Nokian kaupunginhallitus',
  'Kangasalan kunnanhallitus',
] as const;

const OUTCOMES = ['approved', 'approved', 'approved', 'approvedWithChanges', 'rejected', 'tabled'] as const;

const MINUTES_TEXT =
  'Aluehallitus hyväksyy yhteistyösopimuksen liitteen mukaisena ja valtuuttaa hyvinvointialuejohtajan ' +
  'allekirjoittamaan sopimuksen. Sopimuksen kustannusjako perustuu asukaslukuun, ja sopimusta tarkastellaan ' +
  'vuosittain talousarvion valmistelun yhteydessä. Päätöksestä ilmoitetaan sopijaosapuolille ja ' +
  'tarkastuslautakunnalle. The board approves the cooperation agreement as annexed and authorises the ' +
  'director to sign it; costs are shared by population and reviewed yearly with the budget. ';

/** The stream of agreement n: `agreement-<n>`. */
export function streamName(n: number): string {
  return `agreement-${n}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The `data` of a DecisionRecorded-like event for agreement n, without padding. */
function decisionData(n: number, rationale: string): JsonObject {
  return {
    agreementId: streamName(n),
    partyId: `party-${(n * 7919) % 1000}`,
    body: BODIES[n % BODIES.length]!,
    outcome: OUTCOMES[n % OUTCOMES.length]!,
    decidedOn: `2025-${pad2((n % 12) + 1)}-${pad2((n % 28) + 1)}`,
    meeting: { section: (n % 250) + 1, diaryNumber: `PIRHA/${1000 + (n % 9000)}/00.01.02/2025` },
    conditions: n % 3 === 0 ? ['annual review', 'cost ceiling 250 000 EUR'] : [],
    rationale,
  };
}

/** Rationale length (in characters) that brings `data` to about EVENT_DATA_BYTES of UTF-8 JSON. */
const RATIONALE_CHARS = (() => {
  let chars = EVENT_DATA_BYTES;
  for (let i = 0; i < 8; i++) {
    const bytes = Buffer.byteLength(JSON.stringify(decisionData(0, rationaleText(chars))), 'utf8');
    chars += EVENT_DATA_BYTES - bytes;
  }
  return Math.max(0, chars);
})();

function rationaleText(chars: number): string {
  return MINUTES_TEXT.repeat(Math.ceil(chars / MINUTES_TEXT.length) + 1).slice(0, Math.max(0, chars));
}

const RATIONALE = rationaleText(RATIONALE_CHARS);

/** A ~1 KB DecisionRecorded event for agreement n, with caller metadata as the API layer would add it. */
export function decisionRecorded(n: number): EventToAppend & { readonly metadata: JsonObject } {
  return {
    type: 'DecisionRecorded',
    data: decisionData(n, RATIONALE),
    metadata: {
      correlationId: `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`,
      causationId: `cafe0000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      userId: `user-${n % 50}`,
    },
  };
}

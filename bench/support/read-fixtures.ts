/**
 * A realistic agreement log for the read benchmarks: many agreement streams, each a history the
 * decider would have written (a draft with 3–7 parties, board proposals, council decisions, the
 * occasional tabling, rejection, court annulment and amendment, signatures, follow-up decisions,
 * rarely a termination, always last), interleaved in the global log as concurrent traffic is.
 *
 * Everything is deterministic per agreement (its own seeded PRNG), so one agreement's stream can
 * be regenerated on its own and checked against `decide` (see `checkAgainstDecider`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AgreementCommand } from '../../src/agreements/domain/agreement-commands.js';
import { encodeAgreementEvent } from '../../src/core/agreement-contract.js';
import { type AgreementEvent, type AgreementKind, type AmendmentChange, type Annex, type DecisionOutcome, type IsoDate, type Meeting, type Party } from '../../src/core/agreement-events.js';
import { agreementStreamId } from '../../src/core/stream-names.js';
import { decideAll } from '../../src/agreements/domain/decide.js';
import { helsinkiDate } from '../../src/core/helsinki-date.js';
import { partyIdCheckDigit } from '../../src/core/party-id.js';
import type { EventToAppend, ExpectedRevision } from '../../src/event-store/event-store.port.js';

// ---------------------------------------------------------------------------------------------
// Randomness: a small seeded PRNG per agreement.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Regions and their parties: a wellbeing services county, its municipalities, its regional council.

interface Municipality {
  readonly name: string;
  /** Genitive stem: "Kotkan" for Kotka. */
  readonly genitive: string;
  readonly town: boolean;
}

interface RegionSpec {
  readonly region: string;
  readonly slug: string;
  readonly genitive: string;
  readonly municipalities: readonly Municipality[];
}

const m = (name: string, genitive: string, town = true): Municipality => ({ name, genitive, town });

const REGION_SPECS: readonly RegionSpec[] = [
  {
    region: 'Kymenlaakso',
    slug: 'kymenlaakso',
    genitive: 'Kymenlaakson',
    municipalities: [m('Hamina', 'Haminan'), m('Kotka', 'Kotkan'), m('Kouvola', 'Kouvolan'), m('Miehikkälä', 'Miehikkälän', false), m('Pyhtää', 'Pyhtään', false), m('Virolahti', 'Virolahden', false)],
  },
  {
    region: 'Pirkanmaa',
    slug: 'pirkanmaa',
    genitive: 'Pirkanmaan',
    municipalities: [
      m('Tampere', 'Tampereen'), m('Nokia', 'Nokian'), m('Kangasala', 'Kangasalan'), m('Lempäälä', 'Lempäälän', false),
      m('Ylöjärvi', 'Ylöjärven'), m('Pirkkala', 'Pirkkalan', false), m('Valkeakoski', 'Valkeakosken'), m('Sastamala', 'Sastamalan'),
      m('Orivesi', 'Oriveden'), m('Vesilahti', 'Vesilahden', false),
    ],
  },
  {
    region: 'Keski-Pohjanmaa',
    slug: 'keski-pohjanmaa',
    genitive: 'Keski-Pohjanmaan',
    municipalities: [
      m('Kokkola', 'Kokkolan'), m('Kannus', 'Kannuksen'), m('Kaustinen', 'Kaustisen', false), m('Veteli', 'Vetelin', false),
      m('Perho', 'Perhon', false), m('Toholampi', 'Toholammin', false), m('Lestijärvi', 'Lestijärven', false), m('Halsua', 'Halsuan', false),
    ],
  },
  {
    region: 'Varsinais-Suomi',
    slug: 'varsinais-suomi',
    genitive: 'Varsinais-Suomen',
    municipalities: [
      m('Turku', 'Turun'), m('Salo', 'Salon'), m('Kaarina', 'Kaarinan'), m('Raisio', 'Raision'), m('Naantali', 'Naantalin'),
      m('Lieto', 'Liedon', false), m('Uusikaupunki', 'Uudenkaupungin'), m('Loimaa', 'Loimaan'), m('Parainen', 'Paraisten'),
    ],
  },
  {
    region: 'Pohjois-Savo',
    slug: 'pohjois-savo',
    genitive: 'Pohjois-Savon',
    municipalities: [
      m('Kuopio', 'Kuopion'), m('Iisalmi', 'Iisalmen'), m('Varkaus', 'Varkauden'), m('Siilinjärvi', 'Siilinjärven', false),
      m('Suonenjoki', 'Suonenjoen'), m('Leppävirta', 'Leppävirran', false), m('Lapinlahti', 'Lapinlahden', false),
    ],
  },
  {
    region: 'Lappi',
    slug: 'lappi',
    genitive: 'Lapin',
    municipalities: [
      m('Rovaniemi', 'Rovaniemen'), m('Kemi', 'Kemin'), m('Tornio', 'Tornion'), m('Kemijärvi', 'Kemijärven'),
      m('Sodankylä', 'Sodankylän', false), m('Inari', 'Inarin', false), m('Kittilä', 'Kittilän', false),
    ],
  },
];

interface PartyProfile {
  readonly party: Party;
  /** "Kotkan kaupungin", for titles. */
  readonly genitive: string;
  /** The body that prepares and proposes: never the competent body, so its decisions never count. */
  readonly board: string;
  readonly signatoryTitle: string;
  /** Who records its decisions: becomes the event metadata's actor. */
  readonly clerk: { readonly name: string; readonly id: string };
}

interface Region {
  readonly region: string;
  readonly slug: string;
  readonly genitive: string;
  readonly county: PartyProfile;
  readonly others: readonly PartyProfile[];
  readonly admin: { readonly name: string; readonly id: string };
}

let nextPartyNumber = 9_930_000;

/** A constructed business id (99…, beyond the numbers issued so far) with a valid check digit. */
function constructedPartyId(): string {
  for (;;) {
    const digits = String(nextPartyNumber++);
    const check = partyIdCheckDigit(digits);
    if (check !== undefined) return `${digits}-${check}`;
  }
}

function profile(
  name: string,
  genitive: string,
  kind: Party['kind'],
  competentBody: string,
  board: string,
  signatoryTitle: string,
): PartyProfile {
  const partyId = constructedPartyId();
  return {
    party: { partyId, name, kind, competentBody },
    genitive,
    board,
    signatoryTitle,
    clerk: { name: `${name} / kirjaamo`, id: `tok_${sha256(partyId).slice(0, 16)}` },
  };
}

const REGIONS: readonly Region[] = REGION_SPECS.map((spec) => ({
  region: spec.region,
  slug: spec.slug,
  genitive: spec.genitive,
  county: profile(
    `${spec.genitive} hyvinvointialue`,
    `${spec.genitive} hyvinvointialueen`,
    'wellbeing-services-county',
    `${spec.genitive} hyvinvointialueen aluevaltuusto`,
    `${spec.genitive} hyvinvointialueen aluehallitus`,
    'hyvinvointialuejohtaja',
  ),
  others: [
    ...spec.municipalities.map((mu) =>
      mu.town
        ? profile(`${mu.genitive} kaupunki`, `${mu.genitive} kaupungin`, 'municipality', `${mu.genitive} kaupunginvaltuusto`, `${mu.genitive} kaupunginhallitus`, 'kaupunginjohtaja')
        : profile(`${mu.genitive} kunta`, `${mu.genitive} kunnan`, 'municipality', `${mu.genitive} kunnanvaltuusto`, `${mu.genitive} kunnanhallitus`, 'kunnanjohtaja'),
    ),
    profile(`${spec.genitive} liitto`, `${spec.genitive} liiton`, 'regional-council', `${spec.genitive} liiton maakuntavaltuusto`, `${spec.genitive} liiton maakuntahallitus`, 'maakuntajohtaja'),
  ],
  admin: { name: `${spec.region} / sopimushallinta`, id: `tok_${sha256(spec.slug).slice(0, 16)}` },
}));

const KINDS: ReadonlyArray<readonly [AgreementKind, string, string, number]> = [
  ['interface', 'yhdyspintasopimus', 'yhdyspinta', 0.45],
  ['framework', 'puitesopimus', 'puite', 0.2],
  ['strategic-cooperation', 'strateginen yhteistyösopimus', 'strateginen', 0.15],
  ['other', 'palvelusopimus', 'palvelu', 0.2],
];

const TOPICS = [
  'ikäihmisten palvelut', 'lasten, nuorten ja perheiden hyvinvointi', 'pelastustoimen yhteistyö', 'toimitilojen vuokraus',
  'ruoka- ja puhtauspalvelut', 'työllisyyspalvelut', 'oppilas- ja opiskeluhuolto', 'ympäristöterveydenhuolto',
  'kotoutumispalvelut', 'liikunta- ja hyvinvointipalvelut', 'tietohallinto ja asiakastietojärjestelmät', 'varautuminen ja valmiussuunnittelu',
] as const;

const ANNEX_TITLES = [
  'Kustannustenjakoperusteet', 'Palvelukuvaus', 'Yhteyshenkilöt', 'Tietosuojaliite (DPA)', 'Tilaluettelo', 'Toimintamalli ja vastuunjako',
  'Häiriö- ja poikkeusolojen yhteistyö', 'Laskutusohje',
] as const;

const FIRST_NAMES = ['Maija', 'Matti', 'Liisa', 'Pekka', 'Anna', 'Juha', 'Sari', 'Timo', 'Outi', 'Jari', 'Hanna', 'Mikko', 'Päivi', 'Antti'] as const;
const LAST_NAMES = ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen'] as const;
const COURTS = ['Itä-Suomen hallinto-oikeus', 'Turun hallinto-oikeus', 'Hämeenlinnan hallinto-oikeus', 'Pohjois-Suomen hallinto-oikeus', 'Vaasan hallinto-oikeus'] as const;
const ANNULMENT_REASONS = [
  'Päätös on syntynyt virheellisessä järjestyksessä: esteellinen valtuutettu osallistui asian käsittelyyn (KuntaL 97 §).',
  'Kokouskutsua ei ollut toimitettu hallintosäännön mukaisesti; päätös kumotaan kunnallisvalituksesta.',
  'Päätös ylittää toimielimen toimivallan; asia palautetaan uudelleen käsiteltäväksi.',
] as const;
const AMENDMENT_SUMMARIES = [
  'Kustannustenjakoa tarkistetaan vuoden asukasluvun mukaiseksi.',
  'Sopimukseen lisätään tietosuojaliite ja päivitetään yhteyshenkilöt.',
  'Palvelukuvausta täsmennetään ja sopimuskautta jatketaan.',
  'Osapuolia muutetaan kuntarajojen ja palvelualueiden muutosten vuoksi.',
] as const;
const TERMINATION_REASONS = [
  'Sopimus korvataan uudella alueellisella yhteistyösopimuksella.',
  'Tehtävä siirtyi hyvinvointialueelle lainsäädännön muutoksella; sopimukselle ei ole enää tarvetta.',
  'Osapuolet sopivat sopimuksen päättämisestä irtisanomisehdon mukaisesti.',
] as const;

// ---------------------------------------------------------------------------------------------
// Dates: whole days since 1970-01-01, never after today in Helsinki (decisions are records).

const DAY_MS = 86_400_000;
const TODAY_DAY = Date.parse(`${helsinkiDate(new Date())}T00:00:00Z`) / DAY_MS;
const FIRST_START_DAY = Date.parse('2019-01-07T00:00:00Z') / DAY_MS;
/** Agreements start in log order over this span, leaving room for their history before today. */
const LAST_START_DAY = Math.max(FIRST_START_DAY, TODAY_DAY - 540);

function isoDay(day: number): IsoDate {
  return new Date(Math.min(day, TODAY_DAY) * DAY_MS).toISOString().slice(0, 10);
}

/** The termination may lie ahead: it can be agreed in advance. */
function isoDayUncapped(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// One agreement's history, produced event by event.

interface Planned {
  readonly day: number;
  readonly event: AgreementEvent;
  readonly actor: { readonly name: string; readonly id: string };
}

/** Produces one agreement's events in stream order, as long as asked; `termination()` ends it. */
export class AgreementScript {
  readonly agreementId: string;
  readonly region: Region;
  private readonly rng: Rng;
  private readonly queue: Planned[] = [];
  private queueAt = 0;
  private day: number;
  private lastDay: number;
  private version = 0;
  private parties: PartyProfile[] = [];
  private annexIds: string[] = [];
  private annexCounter = 0;

  constructor(
    readonly index: number,
    agreements: number,
  ) {
    this.rng = mulberry32(0x9e3779b9 ^ Math.imul(index + 1, 0x85ebca6b));
    this.region = REGIONS[index % REGIONS.length]!;
    this.day = FIRST_START_DAY + Math.floor(((LAST_START_DAY - FIRST_START_DAY) * index) / Math.max(1, agreements)) + int(this.rng, 0, 6);
    this.lastDay = this.day;
    const kind = this.pickKind();
    this.agreementId = `${this.region.slug}-${kind[2]}-${String(index).padStart(6, '0')}`;
    this.queue.push(this.draft(kind));
  }

  /** The next event of the history, with who recorded it. */
  next(): { event: AgreementEvent; actor: Planned['actor'] } {
    if (this.queueAt === this.queue.length) {
      this.queue.length = 0;
      this.queueAt = 0;
      this.planMore();
    }
    const planned = this.queue[this.queueAt++]!;
    this.lastDay = Math.max(this.lastDay, planned.day);
    return planned;
  }

  /** Terminates the agreement after whatever came before; nothing may follow. */
  termination(): { event: AgreementEvent; actor: Planned['actor'] } {
    const rng = this.rng;
    const supersededBy = rng() < 0.3 ? `${this.region.slug}-strateginen-${String(int(rng, 0, 999_999)).padStart(6, '0')}` : undefined;
    return {
      event: {
        type: 'AgreementTerminated',
        data: {
          effectiveOn: isoDayUncapped(this.lastDay + int(rng, 0, 365)),
          reason: pick(rng, TERMINATION_REASONS),
          ...(supersededBy === undefined ? {} : { supersededBy }),
        },
      },
      actor: this.region.admin,
    };
  }

  private pickKind(): (typeof KINDS)[number] {
    let r = this.rng();
    for (const kind of KINDS) {
      if (r < kind[3]) return kind;
      r -= kind[3];
    }
    return KINDS[0]!;
  }

  private draft(kind: (typeof KINDS)[number]): Planned {
    const rng = this.rng;
    const { county, others } = this.region;
    const count = Math.min(int(rng, 3, 7), others.length + 1);
    const withCounty = rng() < 0.85;
    this.parties = withCounty ? [county, ...shuffled(rng, others).slice(0, count - 1)] : shuffled(rng, others).slice(0, count);
    const annexes: Annex[] = [];
    const annexCount = int(rng, 0, 3);
    for (let i = 0; i < annexCount; i++) annexes.push(this.newAnnex());
    const topic = pick(rng, TOPICS);
    const year = isoDay(this.day).slice(0, 4);
    const counterparties = this.parties.length === 2 ? this.parties[1]!.genitive : `${this.region.genitive} kuntien`;
    const effectiveFrom = rng() < 0.25 ? isoDay(this.day + int(rng, 30, 120)) : undefined;
    return {
      day: this.day,
      actor: this.region.admin,
      event: {
        type: 'AgreementDrafted',
        data: {
          agreementId: this.agreementId,
          title: `${this.parties[0]!.genitive} ja ${counterparties} ${kind[1]}: ${topic} ${year}`,
          region: this.region.region,
          kind: kind[0],
          parties: this.parties.map((p) => p.party),
          document: { title: `${kind[1][0]!.toUpperCase()}${kind[1].slice(1)} ${year}`, sha256: sha256(`${this.agreementId}/document/1`) },
          annexes,
          ...(effectiveFrom === undefined ? {} : { effectiveFrom }),
        },
      },
    };
  }

  private newAnnex(): Annex {
    const rng = this.rng;
    const annexId = `liite-${++this.annexCounter}`;
    this.annexIds.push(annexId);
    const title = pick(rng, ANNEX_TITLES);
    const hash = sha256(`${this.agreementId}/${annexId}/${this.version}`);
    return rng() < 0.15
      ? { annexId, title, sha256: hash, publicity: 'confidential', legalBasis: 'JulkL 621/1999 24 § 1 mom. 8 k.' }
      : { annexId, title, sha256: hash, publicity: 'public' };
  }

  /** After the draft: version 1's approval round; after that, follow-ups and now and then an amendment. */
  private planMore(): void {
    if (this.version === 0) {
      this.version = 1;
      this.approvalRound();
    } else if (this.rng() < 0.3) {
      this.amend();
      this.approvalRound();
    } else {
      this.followUpRound();
    }
    this.queue.sort((a, b) => a.day - b.day); // stable: same-day events keep their planned order
    this.day = Math.max(this.day, ...this.queue.map((p) => p.day)) + int(this.rng, 10, 45);
  }

  private meeting(party: PartyProfile, day: number): Meeting {
    const rng = this.rng;
    const section = `§ ${int(rng, 1, 320)}`;
    const year = isoDay(day).slice(0, 4);
    const r = rng();
    if (r < 0.45) return { section, diaryNumber: `${int(rng, 10, 2999)}/00.04.01/${year}` };
    if (r < 0.8) {
      return {
        section,
        diaryNumber: `${this.region.slug.toUpperCase()}/${int(rng, 100, 9999)}/${year}`,
        minutesUrl: `https://${party.party.partyId.slice(0, 7)}.oncloudos.com/kokous/${year}${int(rng, 1000, 9999)}-${int(rng, 1, 12)}.PDF`,
      };
    }
    return { section };
  }

  private decision(party: PartyProfile, body: string, outcome: DecisionOutcome, day: number): Planned {
    return {
      day,
      actor: party.clerk,
      event: {
        type: 'DecisionRecorded',
        data: { partyId: party.party.partyId, body, outcome, version: this.version, decidedOn: isoDay(day), meeting: this.meeting(party, day) },
      },
    };
  }

  /** Each party: the board proposes, the council decides (now and then tabled, rejected or annulled by a court), then it signs. */
  private approvalRound(): void {
    const rng = this.rng;
    for (const party of this.parties) {
      let day = this.day + int(rng, 0, 30);
      if (rng() < 0.85) {
        this.queue.push(this.decision(party, party.board, 'proposed', day));
        day += int(rng, 7, 35);
      }
      if (rng() < 0.08) {
        this.queue.push(this.decision(party, party.party.competentBody, 'tabled', day));
        day += int(rng, 14, 45);
      }
      const r = rng();
      const outcome: DecisionOutcome = r < 0.03 ? 'rejected' : r < 0.06 ? 'approved-amended' : 'approved';
      this.queue.push(this.decision(party, party.party.competentBody, outcome, day));
      if (outcome !== 'approved') continue;
      if (rng() < 0.04) {
        const annulledOn = day + int(rng, 20, 90);
        this.queue.push({
          day: annulledOn,
          actor: party.clerk,
          event: {
            type: 'DecisionAnnulled',
            data: {
              partyId: party.party.partyId,
              version: this.version,
              decidedOn: isoDay(day),
              annulledOn: isoDay(annulledOn),
              authority: pick(rng, COURTS),
              reason: pick(rng, ANNULMENT_REASONS),
            },
          },
        });
        day = annulledOn + int(rng, 14, 60);
        this.queue.push(this.decision(party, party.party.competentBody, 'approved', day));
      }
      if (rng() < 0.92) {
        const signedOn = day + int(rng, 1, 30);
        const electronic = rng() < 0.7;
        this.queue.push({
          day: signedOn,
          actor: party.clerk,
          event: {
            type: 'AgreementSigned',
            data: {
              partyId: party.party.partyId,
              version: this.version,
              signatory: { name: `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`, title: party.signatoryTitle },
              signedOn: isoDay(signedOn),
              method: electronic ? 'electronic' : 'handwritten',
              ...(electronic ? { evidence: `visma-sign:${sha256(`${this.agreementId}/${this.version}/${party.party.partyId}`).slice(0, 24)}` } : {}),
            },
          },
        });
      }
    }
  }

  /** Yearly reports and reviews: each board notes them; a board's decision never counts for approval. */
  private followUpRound(): void {
    const rng = this.rng;
    for (const party of this.parties) {
      if (rng() < 0.8) this.queue.push(this.decision(party, party.board, 'noted', this.day + int(rng, 0, 40)));
    }
    if (this.queue.length === 0) this.queue.push(this.decision(this.parties[0]!, this.parties[0]!.board, 'noted', this.day));
  }

  private amend(): void {
    const rng = this.rng;
    const changes: AmendmentChange[] = [];
    const basedOn = this.version;
    this.version++;
    changes.push({ op: 'revise-document', sha256: sha256(`${this.agreementId}/document/${this.version}`) });
    if (rng() < 0.4) {
      const { annexId, title, sha256: hash, ...rest } = this.newAnnex();
      changes.push(
        rest.publicity === 'confidential'
          ? { op: 'add-annex', annexId, title, sha256: hash, publicity: 'confidential', legalBasis: (rest as { legalBasis: string }).legalBasis }
          : { op: 'add-annex', annexId, title, sha256: hash, publicity: 'public' },
      );
    }
    if (this.annexIds.length > 1 && rng() < 0.25) {
      changes.push({ op: 'amend-annex', annexId: this.annexIds[0]!, sha256: sha256(`${this.agreementId}/${this.annexIds[0]}/${this.version}`) });
    }
    if (this.annexIds.length > 2 && rng() < 0.1) {
      const annexId = this.annexIds[this.annexIds.length - 1]!;
      this.annexIds = this.annexIds.filter((id) => id !== annexId);
      changes.push({ op: 'remove-annex', annexId });
    }
    const candidates = [this.region.county, ...this.region.others].filter((p) => !this.parties.includes(p));
    if (candidates.length > 0 && rng() < 0.15) {
      const added = pick(rng, candidates);
      this.parties = [...this.parties, added];
      changes.push({ op: 'add-party', party: added.party });
    }
    if (this.parties.length > 3 && rng() < 0.1) {
      const removed = this.parties[this.parties.length - 1]!;
      this.parties = this.parties.filter((p) => p !== removed);
      changes.push({ op: 'remove-party', partyId: removed.party.partyId });
    }
    this.queue.push({
      day: this.day,
      actor: this.region.admin,
      event: { type: 'AgreementAmended', data: { version: this.version, basedOn, summary: pick(rng, AMENDMENT_SUMMARIES), changes } },
    });
    this.day += int(rng, 1, 14);
  }
}

// ---------------------------------------------------------------------------------------------
// The whole log: stream lengths, and how the streams interleave.

export interface LogShape {
  readonly agreements: number;
  readonly events: number;
  /** Agreements in progress at once; the next one is drafted when one's history is complete. */
  readonly active: number;
  /** Fraction of agreements whose last event is a termination. */
  readonly terminatedShare?: number;
  readonly seed?: number;
}

/** Stream lengths summing to `events`: mean events/agreements, ±40 % in pairs, at least 1. */
export function streamLengths(agreements: number, events: number, seed = 1): Int32Array {
  if (events < agreements) throw new RangeError(`${events} events cannot make ${agreements} agreements`);
  const base = Math.floor(events / agreements);
  const lengths = new Int32Array(agreements).fill(base);
  for (let i = 0; i < events % agreements; i++) lengths[i]!++;
  const rng = mulberry32(seed);
  for (let i = 0; i + 1 < agreements; i += 2) {
    const room = Math.min(lengths[i]!, lengths[i + 1]!) - 1;
    const delta = Math.min(room, Math.floor(base * 0.4 * (2 * rng() - 1)));
    const d = Math.max(-room, delta);
    lengths[i]! += d;
    lengths[i + 1]! -= d;
  }
  return lengths;
}

export interface PlannedAppend {
  readonly streamId: string;
  readonly events: EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
}

interface Cursor {
  readonly script: AgreementScript;
  readonly streamId: string;
  revision: number;
  remaining: number;
  readonly terminates: boolean;
}

export interface LogStats {
  readonly events: number;
  readonly appends: number;
  readonly byType: Record<string, number>;
  readonly dataBytes: number;
  readonly maxStream: number;
}

/**
 * The appends of the whole log in order. A window of `active` agreements is in progress at once:
 * each append is 1–4 events of one of them, chosen at random (a clerk recording one meeting's
 * decisions), or the draft of the next agreement while the window has room.
 */
export function* planLog(shape: LogShape, stats?: { byType: Record<string, number>; dataBytes: number; appends: number }): Generator<PlannedAppend> {
  const lengths = streamLengths(shape.agreements, shape.events, shape.seed ?? 1);
  const rng = mulberry32((shape.seed ?? 1) * 7919);
  const terminatedShare = shape.terminatedShare ?? 0.04;
  const active: Cursor[] = [];
  let next = 0;
  const start = (): Cursor => {
    const script = new AgreementScript(next, shape.agreements);
    const length = lengths[next]!;
    next++;
    return { script, streamId: agreementStreamId(script.agreementId), revision: -1, remaining: length, terminates: length >= 2 && rng() < terminatedShare };
  };
  while (next < shape.agreements || active.length > 0) {
    let cursor: Cursor;
    let slot = -1;
    if (next < shape.agreements && (active.length === 0 || (active.length < shape.active && rng() < 0.5))) {
      cursor = start();
    } else {
      slot = Math.floor(rng() * active.length);
      cursor = active[slot]!;
    }
    const count = Math.min(cursor.remaining, cursor.revision < 0 ? 1 : rng() < 0.55 ? 1 : int(rng, 2, 4));
    const events: EventToAppend[] = [];
    for (let i = 0; i < count; i++) {
      const { event, actor } = cursor.remaining === 1 && cursor.terminates ? cursor.script.termination() : cursor.script.next();
      cursor.remaining--;
      const requestId = randomUUID();
      events.push(encodeAgreementEvent(event, { actor: actor.name, actorId: actor.id, $correlationId: requestId, $causationId: requestId }));
      if (stats) {
        stats.byType[event.type] = (stats.byType[event.type] ?? 0) + 1;
        stats.dataBytes += JSON.stringify(event.data).length;
      }
    }
    const expectedRevision: ExpectedRevision = cursor.revision < 0 ? 'no-stream' : BigInt(cursor.revision);
    cursor.revision += count;
    if (stats) stats.appends++;
    yield { streamId: cursor.streamId, events, expectedRevision };
    if (slot < 0 && cursor.remaining > 0) active.push(cursor);
    else if (slot >= 0 && cursor.remaining === 0) {
      active[slot] = active[active.length - 1]!;
      active.pop();
    }
  }
}

/** Agreement ids of the log, in drafting order (the same ids `planLog` writes). */
export function agreementIds(agreements: number): string[] {
  return Array.from({ length: agreements }, (_, i) => new AgreementScript(i, agreements).agreementId);
}

// ---------------------------------------------------------------------------------------------
// Validity: regenerate sample agreements and have the decider write them from the same commands.

function commandOf(agreementId: string, event: AgreementEvent, now: Date): AgreementCommand {
  switch (event.type) {
    case 'AgreementDrafted':
      return { type: 'DraftAgreement', data: { ...event.data }, now };
    case 'AgreementAmended':
      return { type: 'AmendAgreement', data: { agreementId, basedOn: event.data.basedOn, summary: event.data.summary, changes: event.data.changes }, now };
    case 'DecisionRecorded':
      return { type: 'RecordDecision', data: { agreementId, ...event.data }, now };
    case 'DecisionAnnulled':
      return { type: 'AnnulDecision', data: { agreementId, ...event.data }, now };
    case 'AgreementSigned':
      return { type: 'SignAgreement', data: { agreementId, ...event.data }, now };
    case 'AgreementTerminated':
      return { type: 'TerminateAgreement', data: { agreementId, ...event.data }, now };
    case 'TerminationWithdrawn':
      return { type: 'WithdrawTermination', data: { agreementId, ...event.data }, now };
  }
}

/**
 * Regenerates the given agreements' streams exactly as `planLog` writes them (same lengths; both
 * endings, plain and terminated, since the choice is the log's) and checks that `decide`, given
 * the matching commands, writes the same events. Throws on the first difference.
 */
export function checkAgainstDecider(shape: LogShape, indices: readonly number[]): number {
  const lengths = streamLengths(shape.agreements, shape.events, shape.seed ?? 1);
  const now = new Date();
  let checked = 0;
  for (const index of indices) {
    const length = lengths[index]!;
    // Both endings the log may hold: the history cut at its length, or cut one short and terminated.
    for (const terminated of length >= 2 ? [false, true] : [false]) {
      const script = new AgreementScript(index, shape.agreements);
      const stream: AgreementEvent[] = [];
      for (let i = 0; i < (terminated ? length - 1 : length); i++) stream.push(script.next().event);
      if (terminated) stream.push(script.termination().event);
      const decided = decideAll(stream.map((event) => commandOf(script.agreementId, event, now)));
      if (!isDeepStrictEqual(decided, stream)) {
        const at = stream.findIndex((event, i) => !isDeepStrictEqual(event, decided[i]));
        throw new Error(
          `agreement ${script.agreementId}: the decider writes a different event at revision ${at}:\n` +
            `  generated ${JSON.stringify(stream[at])}\n  decided   ${JSON.stringify(decided[at])}`,
        );
      }
      checked++;
    }
  }
  return checked;
}

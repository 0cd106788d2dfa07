/**
 * What the read benchmarks' agreements are made of: a seeded PRNG, six regions with their county,
 * municipalities and regional council (each party with its bodies, signatory and clerk), and the
 * words their titles, annexes, decisions and terminations use.
 */
import { createHash } from 'node:crypto';
import type { AgreementKind, Party } from '../../src/core/agreement-events.js';
import { partyIdCheckDigit } from '../../src/core/party-id.js';

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

export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function sha256(text: string): string {
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

export interface PartyProfile {
  readonly party: Party;
  /** "Kotkan kaupungin", for titles. */
  readonly genitive: string;
  /** The body that prepares and proposes: never the competent body, so its decisions never count. */
  readonly board: string;
  readonly signatoryTitle: string;
  /** Who records its decisions: becomes the event metadata's actor. */
  readonly clerk: { readonly name: string; readonly id: string };
}

export interface Region {
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
    // The board proposes to the council: its decisions are recorded, so the party lists it.
    party: { partyId, name, kind, competentBody, competentBodyKind: 'council', otherBodies: [board] },
    genitive,
    board,
    signatoryTitle,
    clerk: { name: `${name} / kirjaamo`, id: `tok_${sha256(partyId).slice(0, 16)}` },
  };
}

export const REGIONS: readonly Region[] = REGION_SPECS.map((spec) => ({
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

export const KINDS: ReadonlyArray<readonly [AgreementKind, string, string, number]> = [
  ['interface', 'yhdyspintasopimus', 'yhdyspinta', 0.45],
  ['framework', 'puitesopimus', 'puite', 0.2],
  ['strategic-cooperation', 'strateginen yhteistyösopimus', 'strateginen', 0.15],
  ['other', 'palvelusopimus', 'palvelu', 0.2],
];

export const TOPICS = [
  'ikäihmisten palvelut', 'lasten, nuorten ja perheiden hyvinvointi', 'pelastustoimen yhteistyö', 'toimitilojen vuokraus',
  'ruoka- ja puhtauspalvelut', 'työllisyyspalvelut', 'oppilas- ja opiskeluhuolto', 'ympäristöterveydenhuolto',
  'kotoutumispalvelut', 'liikunta- ja hyvinvointipalvelut', 'tietohallinto ja asiakastietojärjestelmät', 'varautuminen ja valmiussuunnittelu',
] as const;

export const ANNEX_TITLES = [
  'Kustannustenjakoperusteet', 'Palvelukuvaus', 'Yhteyshenkilöt', 'Tietosuojaliite (DPA)', 'Tilaluettelo', 'Toimintamalli ja vastuunjako',
  'Häiriö- ja poikkeusolojen yhteistyö', 'Laskutusohje',
] as const;

export const FIRST_NAMES = ['Maija', 'Matti', 'Liisa', 'Pekka', 'Anna', 'Juha', 'Sari', 'Timo', 'Outi', 'Jari', 'Hanna', 'Mikko', 'Päivi', 'Antti'] as const;
export const LAST_NAMES = ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen'] as const;
export const COURTS = ['Itä-Suomen hallinto-oikeus', 'Turun hallinto-oikeus', 'Hämeenlinnan hallinto-oikeus', 'Pohjois-Suomen hallinto-oikeus', 'Vaasan hallinto-oikeus'] as const;
export const ANNULMENT_REASONS = [
  'Päätös on syntynyt virheellisessä järjestyksessä: esteellinen valtuutettu osallistui asian käsittelyyn (KuntaL 97 §).',
  'Kokouskutsua ei ollut toimitettu hallintosäännön mukaisesti; päätös kumotaan kunnallisvalituksesta.',
  'Päätös ylittää toimielimen toimivallan; asia palautetaan uudelleen käsiteltäväksi.',
] as const;
export const AMENDMENT_SUMMARIES = [
  'Kustannustenjakoa tarkistetaan vuoden asukasluvun mukaiseksi.',
  'Sopimukseen lisätään tietosuojaliite ja päivitetään yhteyshenkilöt.',
  'Palvelukuvausta täsmennetään ja sopimuskautta jatketaan.',
  'Osapuolia muutetaan kuntarajojen ja palvelualueiden muutosten vuoksi.',
] as const;
export const TERMINATION_REASONS = [
  'Sopimus korvataan uudella alueellisella yhteistyösopimuksella.',
  'Tehtävä siirtyi hyvinvointialueelle lainsäädännön muutoksella; sopimukselle ei ole enää tarvetta.',
  'Osapuolet sopivat sopimuksen päättämisestä irtisanomisehdon mukaisesti.',
] as const;

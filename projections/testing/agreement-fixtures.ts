import type {
  AgreementAmended,
  AgreementDrafted,
  AgreementEvent,
  AgreementSigned,
  AgreementTerminated,
  AmendmentChange,
  DecisionAnnulled,
  DecisionOutcome,
  DecisionRecorded,
  IsoDate,
  Party,
  TerminationWithdrawn,
} from '../../src/core/agreement-events.js';
import type { RecordedEvent } from '../recorded-event.js';

/** Facts of a Kymenlaakso cooperation agreement, for specs. The ids carry valid check digits. */
export const county: Party = {
  partyId: '3221318-2',
  name: 'Kymenlaakson hyvinvointialue',
  kind: 'wellbeing-services-county',
  competentBody: 'Aluevaltuusto',
};
export const kotka: Party = {
  partyId: '0201256-6',
  name: 'Kotkan kaupunki',
  kind: 'municipality',
  competentBody: 'Kotkan kaupunginvaltuusto',
};
export const hamina: Party = {
  partyId: '0208719-7',
  name: 'Haminan kaupunki',
  kind: 'municipality',
  competentBody: 'Haminan kaupunginvaltuusto',
};
export const council: Party = {
  partyId: '0946709-6',
  name: 'Kymenlaakson liitto',
  kind: 'regional-council',
  competentBody: 'Maakuntahallitus',
};

const sha = (seed: string): string => seed.repeat(64).slice(0, 64);

export function drafted(overrides: Partial<AgreementDrafted['data']> = {}): AgreementDrafted {
  return {
    type: 'AgreementDrafted',
    data: {
      agreementId: 'kymenlaakso-hyvinvointi',
      title: 'Hyvinvointialueen ja kuntien yhteistyösopimus',
      region: 'Kymenlaakso',
      kind: 'strategic-cooperation',
      parties: [county, kotka],
      document: { title: 'Yhteistyösopimus', sha256: sha('a') },
      annexes: [{ annexId: 'B', title: 'Liite B: häiriötilanteet', sha256: sha('b'), publicity: 'public' }],
      ...overrides,
    },
  };
}

export function amended(version: number, changes: readonly AmendmentChange[], summary = 'Liite B päivitetty'): AgreementAmended {
  return { type: 'AgreementAmended', data: { version, basedOn: version - 1, summary, changes } };
}

export const annexBRevised: AmendmentChange = { op: 'amend-annex', annexId: 'B', sha256: sha('c') };

export function decided(
  party: Party,
  outcome: DecisionOutcome,
  decidedOn: IsoDate,
  { version = 1, body = party.competentBody }: { version?: number; body?: string } = {},
): DecisionRecorded {
  return {
    type: 'DecisionRecorded',
    data: { partyId: party.partyId, body, outcome, version, decidedOn, meeting: { section: '§ 160', diaryNumber: '626/00.04.01/2023' } },
  };
}

export function annulled(party: Party, decidedOn: IsoDate, annulledOn: IsoDate, { version = 1 } = {}): DecisionAnnulled {
  return {
    type: 'DecisionAnnulled',
    data: { partyId: party.partyId, version, decidedOn, annulledOn, authority: 'Itä-Suomen hallinto-oikeus', reason: 'esteellisyys' },
  };
}

export function signedBy(party: Party, signedOn: IsoDate, { version = 1 } = {}): AgreementSigned {
  return {
    type: 'AgreementSigned',
    data: { partyId: party.partyId, version, signatory: { name: 'Maija Meikäläinen', title: 'johtaja' }, signedOn, method: 'electronic' },
  };
}

export function terminated(effectiveOn: IsoDate): AgreementTerminated {
  return { type: 'AgreementTerminated', data: { effectiveOn, reason: 'korvattu uudella sopimuksella' } };
}

export function withdrawn(): TerminationWithdrawn {
  return { type: 'TerminationWithdrawn', data: { reason: 'irtisanominen peruttu' } };
}

/** Both parties of the default draft approve and sign `version` on the given days. */
export function approvedAndSignedByBoth(version: number, approvedOn: IsoDate, signedOn: IsoDate): AgreementEvent[] {
  return [
    decided(county, 'approved', approvedOn, { version }),
    decided(kotka, 'approved', approvedOn, { version }),
    signedBy(county, signedOn, { version }),
    signedBy(kotka, signedOn, { version }),
  ];
}

/** An event recorded at a stated instant, e.g. months after the fact: late recording. */
export interface RecordedLate {
  readonly recordedAt: string;
  readonly event: AgreementEvent;
}

export function recordedAt(instant: string, event: AgreementEvent): RecordedLate {
  return { recordedAt: instant, event };
}

/**
 * Numbers events as the log would: revisions from 0, positions increasing, each recorded a
 * minute after the one before unless stated with `recordedAt`.
 */
export function record(...entries: readonly (AgreementEvent | AgreementEvent[] | RecordedLate)[]): RecordedEvent[] {
  let clock = Date.parse('2024-12-01T08:00:00.000Z');
  return entries.flat().map((entry, revision) => {
    const late = 'event' in entry ? entry : undefined;
    clock = late === undefined ? clock + 60_000 : Math.max(clock, Date.parse(late.recordedAt));
    return {
      event: late?.event ?? (entry as AgreementEvent),
      revision,
      position: String(1000 + revision),
      recordedAt: late?.recordedAt ?? new Date(clock).toISOString(),
    };
  });
}

import type {
  AgreementAmended,
  AgreementDrafted,
  AgreementEvent,
  AgreementSigned,
  AgreementTerminated,
  AmendmentChange,
  AnnulmentReversed,
  AppealLodged,
  AppealOutcome,
  AppealResolved,
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
  competentBodyKind: 'council',
  otherBodies: ['Aluehallitus'],
};
export const kotka: Party = {
  partyId: '0201256-6',
  name: 'Kotkan kaupunki',
  kind: 'municipality',
  competentBody: 'Kotkan kaupunginvaltuusto',
  competentBodyKind: 'council',
  otherBodies: ['Kotkan kaupunginhallitus'],
};
export const hamina: Party = {
  partyId: '0208719-7',
  name: 'Haminan kaupunki',
  kind: 'municipality',
  competentBody: 'Haminan kaupunginvaltuusto',
  competentBodyKind: 'council',
};
export const council: Party = {
  partyId: '0946709-6',
  name: 'Kymenlaakson liitto',
  kind: 'regional-council',
  competentBody: 'Maakuntahallitus',
  competentBodyKind: 'board',
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
  { version = 1, body = party.competentBody, published }: { version?: number; body?: string; published?: IsoDate } = {},
): DecisionRecorded {
  const meeting = { section: '§ 160', diaryNumber: '626/00.04.01/2023', ...(published !== undefined && { minutesPublishedOn: published }) };
  return { type: 'DecisionRecorded', data: { partyId: party.partyId, body, outcome, version, decidedOn, meeting } };
}

/** An appeal against the decision recorded with id `decisionId`. */
export function appealed(decisionId: string, lodgedOn: IsoDate): AppealLodged {
  return { type: 'AppealLodged', data: { decisionId, lodgedOn, authority: 'Hämeenlinnan hallinto-oikeus' } };
}

export function appealResolved(appealId: string, resolvedOn: IsoDate, outcome: AppealOutcome = 'dismissed'): AppealResolved {
  return { type: 'AppealResolved', data: { appealId, resolvedOn, outcome } };
}

/** The annulment of the decision recorded with id `decisionId` (see `withId`). */
export function annulled(decisionId: string, annulledOn: IsoDate): DecisionAnnulled {
  return { type: 'DecisionAnnulled', data: { decisionId, annulledOn, authority: 'Itä-Suomen hallinto-oikeus', reason: 'esteellisyys' } };
}

/** A higher court's reversal of the annulment recorded with id `annulmentId`. */
export function reversed(annulmentId: string, reversedOn: IsoDate): AnnulmentReversed {
  return { type: 'AnnulmentReversed', data: { annulmentId, reversedOn, authority: 'Korkein hallinto-oikeus', reason: 'ei esteellisyyttä' } };
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

/** The id `approvedAndSignedByBoth` gives the party's approval of `version`, for an annulment to name. */
export const approvalId = (party: Party, version: number): string => `approval-${party.partyId}-v${version}`;

/** Both parties of the default draft approve and sign `version` on the given days. */
export function approvedAndSignedByBoth(version: number, approvedOn: IsoDate, signedOn: IsoDate): (AgreementEvent | RecordedLate)[] {
  return [
    withId(approvalId(county, version), decided(county, 'approved', approvedOn, { version })),
    withId(approvalId(kotka, version), decided(kotka, 'approved', approvedOn, { version })),
    signedBy(county, signedOn, { version }),
    signedBy(kotka, signedOn, { version }),
  ];
}

/** An event as the log recorded it, where it matters: at a stated instant (late recording), under a stated id. */
export interface RecordedLate {
  readonly event: AgreementEvent;
  readonly recordedAt?: string;
  readonly eventId?: string;
}

export function recordedAt(instant: string, event: AgreementEvent | RecordedLate): RecordedLate {
  return 'event' in event ? { ...event, recordedAt: instant } : { recordedAt: instant, event };
}

/** The event under a stated id, for a later annulment or reversal to name. */
export function withId(eventId: string, event: AgreementEvent | RecordedLate): RecordedLate {
  return 'event' in event ? { ...event, eventId } : { eventId, event };
}

/**
 * Numbers events as the log would: revisions from 0, positions increasing, ids `e<revision>`
 * unless stated with `withId`, each recorded a minute after the one before unless stated with
 * `recordedAt`.
 */
/** What a spec's history lists: events, events as recorded, or runs of them. */
export type HistoryEntry = AgreementEvent | RecordedLate | readonly (AgreementEvent | RecordedLate)[];

export function record(...entries: readonly HistoryEntry[]): RecordedEvent[] {
  let clock = Date.parse('2024-12-01T08:00:00.000Z');
  return entries.flat().map((entry, revision) => {
    const stated: RecordedLate = 'event' in entry ? entry : { event: entry };
    clock = stated.recordedAt === undefined ? clock + 60_000 : Math.max(clock, Date.parse(stated.recordedAt));
    return {
      event: stated.event,
      eventId: stated.eventId ?? `e${revision}`,
      revision,
      position: String(1000 + revision),
      recordedAt: stated.recordedAt ?? new Date(clock).toISOString(),
    };
  });
}

import type { IsoDate, Obligation, ObligationFulfilled, Participation, Recurrence } from '../src/core/agreement-events.js';
import type { CouncilTerms } from '../src/core/council-terms.js';
import { accountableParties, concernedParties } from '../src/core/obligations.js';
import type { AgreementProjection, DraftedAgreement } from './agreement-projection.js';
import { forceTimeline, inForceOn, type ForceTimeline } from './agreement-timeline.js';
import type { DateInterval } from './date-intervals.js';
import { knownAgreement } from './known-agreement.js';
import { obligationPeriods, type ObligationPeriod } from './obligation-periods.js';
import type { AsOfQuery, Recorded } from './recorded-event.js';
import { answeredKnownAt } from './status.js';

export type ObligationStatus = 'met' | 'due' | 'overdue';

/** The fulfilment that meets a party's period: the earliest held, then the first recorded. */
export interface MeetingHeld {
  readonly eventId: string;
  readonly heldOn: IsoDate;
}

export interface PartyPeriodStatus {
  readonly partyId: string;
  readonly status: ObligationStatus;
  readonly fulfilment: MeetingHeld | null;
}

export interface PeriodStatus extends ObligationPeriod {
  readonly status: ObligationStatus;
  readonly parties: readonly PartyPeriodStatus[];
}

/** API.md `Obligations`' item. */
export interface ObligationState {
  readonly obligationId: string;
  readonly title: string;
  readonly legalBasis: string | null;
  readonly recurrence: Recurrence;
  readonly participation: Participation;
  readonly convener: string | null;
  readonly dueBy: IsoDate | null;
  /** Those its status is kept for, in the version's party order. */
  readonly parties: readonly string[];
  readonly periods: readonly PeriodStatus[];
}

/** API.md `Obligations`. */
export interface Obligations {
  readonly agreementId: string;
  readonly asOf: IsoDate;
  readonly knownAt: string;
  /** Whose obligations: the version in force at asOf, else the latest. */
  readonly version: number;
  readonly items: readonly ObligationState[];
}

type Fulfilment = Recorded<ObligationFulfilled['data']>;

/**
 * Each obligation's status per period and party at asOf, as known at knownAt (DESIGN.md
 * "Obligations"); null when the agreement was not yet known. Council terms come from the table
 * the caller configured.
 */
export function obligations(state: AgreementProjection, query: AsOfQuery, terms: CouncilTerms): Obligations | null {
  const known = knownAgreement(state, query.knownAt);
  if (known === null) return null;
  const { asOf } = query;
  const timeline = forceTimeline(known);
  const number = inForceOn(timeline, asOf)?.version ?? known.versions[known.versions.length - 1].record.version;
  const version = known.versions.find((v) => v.record.version === number)!.record;
  return {
    agreementId: known.agreement.agreementId,
    asOf,
    knownAt: answeredKnownAt(known, query.knownAt),
    version: number,
    items: version.obligations.map((obligation) => {
      const concerned = concernedParties(obligation, version.parties);
      const accountable = accountableParties(obligation, version.parties).map((party) => party.partyId);
      const lists = (n: number | null) => known.versions.some((v) => v.record.version === n && v.record.obligations.some((o) => o.obligationId === obligation.obligationId));
      const periods = obligationPeriods(obligation, concerned, bindingRuns(timeline, lists), asOf, terms);
      const own = known.fulfilments.filter((f) => f.data.obligationId === obligation.obligationId && f.data.heldOn <= asOf);
      return {
        obligationId: obligation.obligationId,
        title: obligation.title,
        legalBasis: obligation.legalBasis ?? null,
        recurrence: obligation.recurrence,
        participation: obligation.participation,
        convener: obligation.convener ?? null,
        dueBy: obligation.dueBy ?? null,
        parties: accountable,
        periods: periods.map((period) => periodStatus(obligation, period, accountable, own, asOf)),
      };
    }),
  };
}

/** API.md `ObligationRow`: one per obligation, period and party. */
export interface ObligationRow {
  readonly agreementId: string;
  readonly agreementTitle: string;
  readonly region: string;
  readonly version: number;
  readonly obligationId: string;
  readonly title: string;
  readonly legalBasis: string | null;
  readonly recurrence: Recurrence;
  readonly participation: Participation;
  readonly convener: string | null;
  readonly dueBy: IsoDate | null;
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  readonly partyId: string;
  readonly partyName: string;
  readonly status: ObligationStatus;
  readonly fulfilment: MeetingHeld | null;
}

/** The answer as rows, in the answer's order. */
export function obligationRows(state: DraftedAgreement, answer: Obligations): ObligationRow[] {
  const parties = new Map(state.versions[answer.version - 1].parties.map((party) => [party.partyId, party.name]));
  const { agreementId, version } = answer;
  return answer.items.flatMap(({ obligationId, title, legalBasis, recurrence, participation, convener, dueBy, periods }) =>
    periods.flatMap(({ from, to, parties: statuses }) =>
      statuses.map(({ partyId, status, fulfilment }) => ({
        agreementId,
        agreementTitle: state.title,
        region: state.region,
        version,
        obligationId,
        title,
        legalBasis,
        recurrence,
        participation,
        convener,
        dueBy,
        from,
        to,
        partyId,
        partyName: parties.get(partyId) ?? partyId,
        status,
        fulfilment,
      })),
    ),
  );
}

/**
 * The `[from, to)` runs on which a version listing the obligation is in force. Hub-and-spoke
 * agreements would bind it where a spoke it concerns is bound; the force timeline here is the
 * all-parties one, which is the seam where per-spoke runs go.
 */
function bindingRuns(timeline: ForceTimeline, lists: (version: number | null) => boolean): DateInterval[] {
  const runs: DateInterval[] = [];
  let since: IsoDate | null = null;
  for (const change of timeline.changes) {
    const binds = lists(change.version);
    if (binds && since === null) since = change.on;
    if (!binds && since !== null) {
      runs.push({ from: since, to: change.on });
      since = null;
    }
  }
  if (since !== null) runs.push({ from: since, to: null });
  return runs;
}

function periodStatus(obligation: Obligation, period: ObligationPeriod, accountable: readonly string[], fulfilments: readonly Fulfilment[], asOf: IsoDate): PeriodStatus {
  // A 'once' obligation is met by a meeting on or before its dueBy, however early.
  const within = fulfilments.filter((f) => (obligation.recurrence === 'once' || f.data.heldOn >= period.from) && (period.to === null || f.data.heldOn <= period.to));
  // With joint participation only the meeting of everyone it concerns counts, for each of them.
  const counting = obligation.participation === 'joint' ? within.filter((f) => accountable.every((partyId) => f.data.parties.includes(partyId))) : within;
  const parties = accountable.map((partyId): PartyPeriodStatus => {
    const met = earliest(counting.filter((f) => f.data.parties.includes(partyId)));
    return { partyId, status: met === null ? open(period, asOf) : 'met', fulfilment: met === null ? null : { eventId: met.eventId, heldOn: met.data.heldOn } };
  });
  return { from: period.from, to: period.to, status: parties.every((p) => p.status === 'met') ? 'met' : open(period, asOf), parties };
}

/** Not met: overdue once the period has ended before asOf, else due. */
function open(period: ObligationPeriod, asOf: IsoDate): ObligationStatus {
  return period.to !== null && period.to < asOf ? 'overdue' : 'due';
}

function earliest(fulfilments: readonly Fulfilment[]): Fulfilment | null {
  let first: Fulfilment | null = null;
  for (const f of fulfilments) if (first === null || f.data.heldOn < first.data.heldOn) first = f; // log order breaks ties
  return first;
}

import type { IsoDate } from '../src/core/agreement-events.js';
import type { EndedBy, InForceInterval } from './agreement-timeline.js';
import type { ApprovalState } from './party-approval.js';
import type { AsOfQuery, RecordedEvent } from './recorded-event.js';
import { ledgerKnownAt, versionOf, type Decision, type Ledger, type LedgerVersion } from './ledger-from-scratch.js';
import {
  annulledAt,
  annulmentsOf,
  appealsOf,
  changeDates,
  countable,
  countingDecision,
  finalityOf,
  finalSinceOf,
  hubOf,
  latest,
  partiesToSatisfy,
  reversedOn,
  signatories,
  signed,
  spokesOf,
  versionInForce,
} from './rules-from-scratch.js';
import type { Status } from './status.js';
import type { Version, VersionState } from './versions.js';

interface Change {
  readonly on: IsoDate;
  readonly previous: number | null;
  readonly version: number | null;
}

/** What is in force for one spoke with the hub, or (spoke null) for all parties. */
interface Timeline {
  readonly spoke: string | null;
  readonly changes: readonly Change[];
}

/** All-parties: one timeline; hub-and-spoke: one per spoke. */
function timelines(ledger: Ledger): Timeline[] {
  const spokes = hubOf(ledger) === null ? [null] : spokesOf(ledger);
  return spokes.map((spoke) => ({ spoke, changes: timeline(ledger, spoke) }));
}

function timeline(ledger: Ledger, spoke: string | null): Change[] {
  const changes: Change[] = [];
  let previous: number | null = null;
  for (const on of changeDates(ledger)) {
    const version = versionInForce(ledger, on, spoke);
    if (version !== previous) changes.push({ on, previous, version });
    previous = version;
  }
  return changes;
}

function endedBy(ledger: Ledger, change: Change, previous: number, spoke: string | null): EndedBy {
  if (ledger.terminatedOn === change.on) return 'terminated';
  if (change.version !== null && change.version > previous) return 'superseded';
  const lastDay = versionOf(ledger, previous)?.effectiveUntil ?? null;
  if (lastDay !== null && lastDay < change.on) return 'expired';
  const annulledThatDay = partiesToSatisfy(ledger, previous, spoke).some((partyId) =>
    countable(ledger, partyId, previous).some((decision) => annulmentsOf(ledger, decision).some((annulment) => annulment.data.annulledOn === change.on)),
  );
  return annulledThatDay ? 'annulled' : 'revoked';
}

/** Hub-and-spoke: each spoke's intervals with its partyId, all ordered by start (spokes in order within a day). */
function intervals(ledger: Ledger, all: readonly Timeline[], version: number): InForceInterval[] {
  return all
    .flatMap(({ spoke, changes }) => intervalsOfTimeline(ledger, changes, version, spoke).map((interval) => (spoke === null ? interval : { ...interval, partyId: spoke })))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

function intervalsOfTimeline(ledger: Ledger, changes: readonly Change[], version: number, spoke: string | null): InForceInterval[] {
  const result: InForceInterval[] = [];
  for (let index = 0; index < changes.length; index++) {
    const start = changes[index];
    const end = changes[index + 1];
    if (start.version !== version) continue;
    if (end === undefined) {
      result.push({ from: start.on, to: null, endedBy: null });
      continue;
    }
    const reason = endedBy(ledger, end, version, spoke);
    result.push(
      reason === 'superseded' && end.version !== null
        ? { from: start.on, to: end.on, endedBy: reason, supersededBy: end.version }
        : { from: start.on, to: end.on, endedBy: reason },
    );
  }
  return result;
}

function approvalState(ledger: Ledger, partyId: string, version: number, t: IsoDate): ApprovalState {
  const outcome = countingDecision(ledger, partyId, version, t)?.data.outcome;
  if (outcome === 'approved' || outcome === 'rejected') return outcome;
  const last = latest(countable(ledger, partyId, version).filter((decision) => decision.data.decidedOn <= t));
  return last !== undefined && annulledAt(ledger, last, t) ? 'annulled' : 'missing';
}

/** The versions in force at t, one per timeline (null where none is). */
function inForceAt(ledger: Ledger, all: readonly Timeline[], t: IsoDate): (number | null)[] {
  return all.map(({ spoke }) => versionInForce(ledger, t, spoke));
}

function stateOf(ledger: Ledger, all: readonly Timeline[], version: LedgerVersion, t: IsoDate): VersionState {
  if (ledger.terminatedOn !== null && ledger.terminatedOn <= t) return 'terminated';
  const inForce = inForceAt(ledger, all, t);
  if (inForce.includes(version.version)) return 'in-force';
  if (inForce.some((v) => v !== null && v > version.version)) return 'superseded';
  if (version.effectiveUntil !== null && version.effectiveUntil < t) return 'expired';
  const rejects = (partyId: string): boolean => countingDecision(ledger, partyId, version.version, t)?.data.outcome === 'rejected';
  const hub = hubOf(ledger);
  const partyIds = version.parties.map((party) => party.partyId);
  if (hub === null) return partyIds.some(rejects) ? 'rejected' : 'pending';
  // A spoke's rejection touches no other spoke: rejected when the hub, or every spoke, rejected.
  const spokes = partyIds.filter((id) => id !== hub);
  const rejected = (partyIds.includes(hub) && rejects(hub)) || (spokes.length > 0 && spokes.every(rejects));
  return rejected ? 'rejected' : 'pending';
}

/**
 * The answers (API.md `Status` and `Version`) computed from the rules in rules-from-scratch.ts:
 * the timeline is the version in force evaluated on every date any fact names. Property tests
 * require the incremental projection to give exactly these answers; an auditor can run it too.
 */

export function evaluateFromScratch(
  events: readonly RecordedEvent[],
  query: AsOfQuery,
): { status: Status; versions: Version[] } | null {
  const ledger = ledgerKnownAt(events, query);
  if (ledger === null) return null;
  const all = timelines(ledger);
  return {
    status: statusOf(ledger, all, query),
    versions: ledger.versions.map((version) => answeredVersion(ledger, all, version, query.asOf)),
  };
}

/** The start of the timeline's current interval at t. */
function sinceOf(changes: readonly Change[], t: IsoDate): IsoDate | null {
  return changes.filter((change) => change.on <= t).pop()?.on ?? null;
}

/** Hub-and-spoke: since when some spoke has been bound without a break at t — the earliest change date from which one was on every change date up to t. */
function someBoundSince(ledger: Ledger, all: readonly Timeline[], t: IsoDate): IsoDate | null {
  const dates = [...new Set(all.flatMap(({ changes }) => changes.map((change) => change.on)))].filter((date) => date <= t).sort();
  const someBound = (date: IsoDate): boolean => inForceAt(ledger, all, date).some((v) => v !== null);
  return dates.find((from) => dates.filter((date) => date >= from).every(someBound)) ?? null;
}

function statusOf(ledger: Ledger, all: readonly Timeline[], { asOf, knownAt }: AsOfQuery): Status {
  const hub = hubOf(ledger);
  const latestVersion = ledger.versions[ledger.versions.length - 1];
  const bound = all.flatMap(({ spoke, changes }) => {
    const version = versionInForce(ledger, asOf, spoke);
    return spoke === null || version === null ? [] : [{ partyId: spoke, version, since: sinceOf(changes, asOf)! }];
  });
  const inForce = hub === null ? versionInForce(ledger, asOf) : bound.length === 0 ? null : Math.max(...bound.map((party) => party.version));
  const inForceSince = inForce === null ? null : hub === null ? sinceOf(all[0].changes, asOf) : someBoundSince(ledger, all, asOf);
  // The counting approvals force rests on: every party of the version in force, or the hub's and each bound spoke's.
  const approvals =
    inForce === null
      ? []
      : hub === null
        ? (versionOf(ledger, inForce)?.parties ?? []).map((party) => ({ partyId: party.partyId, version: inForce }))
        : bound.flatMap(({ partyId, version }) => [{ partyId: hub, version }, { partyId, version }]);
  return {
    agreementId: ledger.draft.data.agreementId,
    inForce: inForce !== null,
    inForceVersion: inForce,
    inForceSince,
    latestVersion: latestVersion.version,
    latestVersionState: stateOf(ledger, all, latestVersion, asOf),
    terminatedOn: ledger.terminatedOn !== null && ledger.terminatedOn <= asOf ? ledger.terminatedOn : null,
    finalSince: inForce === null ? null : finalSinceOf(ledger, approvals, asOf),
    boundParties: hub === null ? null : bound,
    asOf,
    knownAt: knownAt?.recordedAt ?? ledger.last.recordedAt,
    knownAtRevision: ledger.last.revision,
    pending: latestVersion.parties.map((party) => ({
      partyId: party.partyId,
      name: party.name,
      approval: approvalState(ledger, party.partyId, latestVersion.version, asOf),
      signature: signed(ledger, party.partyId, latestVersion.version, asOf) ? 'signed' : 'missing',
      signatories: signatories(ledger, party.partyId, latestVersion.version, asOf),
      ...finalityOf(ledger, party.partyId, latestVersion.version, asOf),
    })),
  };
}

function answeredVersion(ledger: Ledger, all: readonly Timeline[], version: LedgerVersion, asOf: IsoDate): Version {
  return {
    version: version.version,
    basedOn: version.basedOn,
    createdAt: version.createdAt,
    summary: version.summary,
    document: version.document,
    annexes: version.annexes,
    parties: version.parties,
    jointBodies: version.jointBodies,
    effectiveFrom: version.effectiveFrom,
    effectiveUntil: version.effectiveUntil,
    obligations: version.obligations,
    changes: version.changes,
    decisions: ledger.decisions
      .filter((decision) => decision.data.version === version.version)
      .map((decision) => ({
        decisionId: decision.eventId,
        ...('partyId' in decision.data
          ? { partyId: decision.data.partyId, jointBody: null, body: decision.data.body }
          : { partyId: null, jointBody: decision.data.jointBody, body: decision.data.jointBody }),
        outcome: decision.data.outcome,
        decidedOn: decision.data.decidedOn,
        meeting: decision.data.meeting,
        counts: 'partyId' in decision.data && countingDecision(ledger, decision.data.partyId, version.version, asOf) === decision,
        ...lastAnnulment(ledger, decision),
        appeals: appealsOf(ledger, decision).map(({ appeal, resolution }) => ({
          appealId: appeal.eventId,
          lodgedOn: appeal.data.lodgedOn,
          authority: appeal.data.authority,
          ...(appeal.data.caseNumber !== undefined && { caseNumber: appeal.data.caseNumber }),
          resolvedOn: resolution?.data.resolvedOn ?? null,
          outcome: resolution?.data.outcome ?? null,
        })),
      })),
    signatures: ledger.signatures
      .filter((signature) => signature.data.version === version.version)
      .map(({ data }) => ({ partyId: data.partyId, signatory: data.signatory, signedOn: data.signedOn, method: data.method })),
    state: stateOf(ledger, all, version, asOf),
    inForce: intervals(ledger, all, version.version),
  };
}

/** The decision's last annulment in log order, with its reversal. */
function lastAnnulment(ledger: Ledger, decision: Decision): Pick<Version['decisions'][number], 'annulledOn' | 'annulmentId' | 'reversedOn'> {
  const annulment = annulmentsOf(ledger, decision).pop();
  if (annulment === undefined) return { annulledOn: null, annulmentId: null, reversedOn: null };
  return { annulledOn: annulment.data.annulledOn, annulmentId: annulment.eventId, reversedOn: reversedOn(ledger, annulment) };
}

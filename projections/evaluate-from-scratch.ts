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
  latest,
  reversedOn,
  signatories,
  signed,
  versionInForce,
} from './rules-from-scratch.js';
import type { Status } from './status.js';
import type { Version, VersionState } from './versions.js';

interface Change {
  readonly on: IsoDate;
  readonly previous: number | null;
  readonly version: number | null;
}

function timeline(ledger: Ledger): Change[] {
  const changes: Change[] = [];
  let previous: number | null = null;
  for (const on of changeDates(ledger)) {
    const version = versionInForce(ledger, on);
    if (version !== previous) changes.push({ on, previous, version });
    previous = version;
  }
  return changes;
}

function endedBy(ledger: Ledger, change: Change, previous: number): EndedBy {
  if (ledger.terminatedOn === change.on) return 'terminated';
  if (change.version !== null && change.version > previous) return 'superseded';
  const lastDay = versionOf(ledger, previous)?.effectiveUntil ?? null;
  if (lastDay !== null && lastDay < change.on) return 'expired';
  const parties = versionOf(ledger, previous)?.parties ?? [];
  const annulledThatDay = parties.some((party) =>
    countable(ledger, party.partyId, previous).some((decision) => annulmentsOf(ledger, decision).some((annulment) => annulment.data.annulledOn === change.on)),
  );
  return annulledThatDay ? 'annulled' : 'revoked';
}

function intervals(ledger: Ledger, changes: readonly Change[], version: number): InForceInterval[] {
  const result: InForceInterval[] = [];
  for (let index = 0; index < changes.length; index++) {
    const start = changes[index];
    const end = changes[index + 1];
    if (start.version !== version) continue;
    if (end === undefined) {
      result.push({ from: start.on, to: null, endedBy: null });
      continue;
    }
    const reason = endedBy(ledger, end, version);
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

function stateOf(ledger: Ledger, version: LedgerVersion, t: IsoDate): VersionState {
  if (ledger.terminatedOn !== null && ledger.terminatedOn <= t) return 'terminated';
  const inForce = versionInForce(ledger, t);
  if (inForce === version.version) return 'in-force';
  if (inForce !== null && inForce > version.version) return 'superseded';
  if (version.effectiveUntil !== null && version.effectiveUntil < t) return 'expired';
  const rejected = version.parties.some(
    (party) => countingDecision(ledger, party.partyId, version.version, t)?.data.outcome === 'rejected',
  );
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
  const changes = timeline(ledger);
  return {
    status: statusOf(ledger, changes, query),
    versions: ledger.versions.map((version) => answeredVersion(ledger, changes, version, query.asOf)),
  };
}

function statusOf(ledger: Ledger, changes: readonly Change[], { asOf, knownAt }: AsOfQuery): Status {
  const inForce = versionInForce(ledger, asOf);
  const latestVersion = ledger.versions[ledger.versions.length - 1];
  return {
    agreementId: ledger.draft.data.agreementId,
    inForce: inForce !== null,
    inForceVersion: inForce,
    inForceSince: inForce === null ? null : (changes.filter((change) => change.on <= asOf).pop()?.on ?? null),
    latestVersion: latestVersion.version,
    latestVersionState: stateOf(ledger, latestVersion, asOf),
    terminatedOn: ledger.terminatedOn !== null && ledger.terminatedOn <= asOf ? ledger.terminatedOn : null,
    finalSince: inForce === null ? null : finalSinceOf(ledger, inForce, asOf),
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

function answeredVersion(ledger: Ledger, changes: readonly Change[], version: LedgerVersion, asOf: IsoDate): Version {
  return {
    version: version.version,
    basedOn: version.basedOn,
    createdAt: version.createdAt,
    summary: version.summary,
    document: version.document,
    annexes: version.annexes,
    parties: version.parties,
    effectiveFrom: version.effectiveFrom,
    effectiveUntil: version.effectiveUntil,
    obligations: version.obligations,
    changes: version.changes,
    decisions: ledger.decisions
      .filter((decision) => decision.data.version === version.version)
      .map((decision) => ({
        decisionId: decision.eventId,
        partyId: decision.data.partyId,
        body: decision.data.body,
        outcome: decision.data.outcome,
        decidedOn: decision.data.decidedOn,
        meeting: decision.data.meeting,
        counts: countingDecision(ledger, decision.data.partyId, version.version, asOf) === decision,
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
    state: stateOf(ledger, version, asOf),
    inForce: intervals(ledger, changes, version.version),
  };
}

/** The decision's last annulment in log order, with its reversal. */
function lastAnnulment(ledger: Ledger, decision: Decision): Pick<Version['decisions'][number], 'annulledOn' | 'annulmentId' | 'reversedOn'> {
  const annulment = annulmentsOf(ledger, decision).pop();
  if (annulment === undefined) return { annulledOn: null, annulmentId: null, reversedOn: null };
  return { annulledOn: annulment.data.annulledOn, annulmentId: annulment.eventId, reversedOn: reversedOn(ledger, annulment) };
}

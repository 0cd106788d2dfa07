import type {
  AgreementDrafted,
  AgreementSigned,
  AgreementTerminated,
  DecisionAnnulled,
  DecisionOutcome,
  DecisionRecorded,
  IsoDate,
} from '../src/core/agreement-events.js';
import { knownBy, type AsOfQuery, type Recorded, type RecordedEvent, type Stamp } from './recorded-event.js';
import { amendContent, draftContent, type VersionContent } from '../src/core/version-content.js';
import type { Status } from './status.js';
import type { Version } from './versions.js';

/**
 * DESIGN.md's rules applied literally to the event list, each a function of (ledger, t). Slow and
 * obvious on purpose: this is the reference the incremental projection is checked against, and
 * it shares no rule code with it.
 */
export interface Ledger {
  readonly draft: Recorded<AgreementDrafted['data']>;
  readonly versions: readonly LedgerVersion[];
  readonly decisions: readonly Recorded<DecisionRecorded['data']>[];
  readonly annulments: readonly Recorded<DecisionAnnulled['data']>[];
  readonly signatures: readonly Recorded<AgreementSigned['data']>[];
  readonly terminatedOn: IsoDate | null;
  readonly last: RecordedEvent;
}

export interface LedgerVersion extends VersionContent {
  readonly version: number;
  readonly basedOn: number | null;
  readonly createdAt: string;
  readonly summary: string | null;
  readonly changes: Version['changes'];
}

export type Decision = Recorded<DecisionRecorded['data']>;

export function ledgerKnownAt(events: readonly RecordedEvent[], query: Pick<AsOfQuery, 'knownAt'>): Ledger | null {
  const isKnown = knownBy(query.knownAt);
  const contents = new Map<number, VersionContent>();
  let draft: Ledger['draft'] | null = null;
  let last: RecordedEvent | null = null;
  const versions: LedgerVersion[] = [];
  const decisions: Decision[] = [];
  const annulments: Ledger['annulments'][number][] = [];
  const signatures: Ledger['signatures'][number][] = [];
  const terminations: Recorded<AgreementTerminated['data']>[] = [];
  const withdrawals: Stamp[] = [];
  for (const recorded of events) {
    const { event, revision, position, recordedAt } = recorded;
    const stamp = { revision, position, recordedAt };
    const known = isKnown(stamp);
    if (known && (last === null || revision > last.revision)) last = recorded;
    switch (event.type) {
      case 'AgreementDrafted': {
        // A version's content follows from all its predecessors, known or not.
        contents.set(1, draftContent(event.data));
        if (known) {
          draft = { ...stamp, data: event.data };
          versions.push({ version: 1, basedOn: null, createdAt: recordedAt, summary: null, changes: [], ...draftContent(event.data) });
        }
        break;
      }
      case 'AgreementAmended': {
        const { version, basedOn, summary, changes } = event.data;
        const base = contents.get(basedOn);
        if (base === undefined) throw new RangeError(`version ${version} is based on unknown version ${basedOn}`);
        const content = amendContent(base, changes);
        contents.set(version, content);
        if (known) versions.push({ version, basedOn, createdAt: recordedAt, summary, changes, ...content });
        break;
      }
      case 'DecisionRecorded':
        if (known) decisions.push({ ...stamp, data: event.data });
        break;
      case 'DecisionAnnulled':
        if (known) annulments.push({ ...stamp, data: event.data });
        break;
      case 'AgreementSigned':
        if (known) signatures.push({ ...stamp, data: event.data });
        break;
      case 'AgreementTerminated':
        if (known) terminations.push({ ...stamp, data: event.data });
        break;
      case 'TerminationWithdrawn':
        if (known) withdrawals.push(stamp);
        break;
    }
  }
  // A termination stands unless a withdrawal was recorded after it; the earliest standing one counts.
  const standing = terminations.filter((termination) => !withdrawals.some((withdrawal) => withdrawal.revision > termination.revision));
  const terminatedOn = standing.map((termination) => termination.data.effectiveOn).sort()[0] ?? null;
  if (draft === null || last === null) return null;
  versions.sort((a, b) => a.version - b.version);
  return { draft, versions, decisions, annulments, signatures, terminatedOn, last };
}

export function versionOf(ledger: Ledger, version: number): LedgerVersion | undefined {
  return ledger.versions.find((candidate) => candidate.version === version);
}

function competentBody(ledger: Ledger, partyId: string, version: number): string | undefined {
  return versionOf(ledger, version)?.parties.find((party) => party.partyId === partyId)?.competentBody;
}

/** The earliest date an annulment recorded after the decision names it. */
export function annulledOn(ledger: Ledger, decision: Decision): IsoDate | null {
  const dates = ledger.annulments
    .filter(
      (annulment) =>
        annulment.revision > decision.revision &&
        annulment.data.partyId === decision.data.partyId &&
        annulment.data.version === decision.data.version &&
        annulment.data.decidedOn === decision.data.decidedOn,
    )
    .map((annulment) => annulment.data.annulledOn)
    .sort();
  return dates[0] ?? null;
}

const SUBSTANTIVE: readonly DecisionOutcome[] = ['approved', 'approved-amended', 'rejected'];

/** "What counts": the party's decisions on the version by its competent body with a substantive outcome. */
export function countable(ledger: Ledger, partyId: string, version: number): Decision[] {
  const body = competentBody(ledger, partyId, version);
  return ledger.decisions.filter(
    (decision) =>
      decision.data.partyId === partyId &&
      decision.data.version === version &&
      decision.data.body === body &&
      SUBSTANTIVE.includes(decision.data.outcome),
  );
}

/** The latest by decidedOn, then log order. */
export function latest(decisions: readonly Decision[]): Decision | undefined {
  return decisions.reduce<Decision | undefined>((best, decision) => {
    if (best === undefined || decision.data.decidedOn > best.data.decidedOn) return decision;
    return decision.data.decidedOn === best.data.decidedOn && decision.revision > best.revision ? decision : best;
  }, undefined);
}

export function countingDecision(ledger: Ledger, partyId: string, version: number, t: IsoDate): Decision | undefined {
  return latest(
    countable(ledger, partyId, version).filter((decision) => {
      const annulled = annulledOn(ledger, decision);
      return decision.data.decidedOn <= t && !(annulled !== null && annulled <= t);
    }),
  );
}

export function approved(ledger: Ledger, partyId: string, version: number, t: IsoDate): boolean {
  return countingDecision(ledger, partyId, version, t)?.data.outcome === 'approved';
}

export function signed(ledger: Ledger, partyId: string, version: number, t: IsoDate): boolean {
  return ledger.signatures.some(
    (signature) => signature.data.partyId === partyId && signature.data.version === version && signature.data.signedOn <= t,
  );
}

/** Each signatory of the party who signed the version by t: earliest first, ties in log order. */
export function signatories(ledger: Ledger, partyId: string, version: number, t: IsoDate): Status['pending'][number]['signatories'] {
  return ledger.signatures
    .filter((signature) => signature.data.partyId === partyId && signature.data.version === version && signature.data.signedOn <= t)
    .sort((a, b) => (a.data.signedOn === b.data.signedOn ? a.revision - b.revision : a.data.signedOn < b.data.signedOn ? -1 : 1))
    .map(({ data }) => ({ name: data.signatory.name, title: data.signatory.title, signedOn: data.signedOn, method: data.method }));
}

/** `inTerm(v, t)`: effectiveFrom(v) ≤ t ≤ effectiveUntil(v), each bound only if set. */
export function inTerm(ledger: Ledger, version: number, t: IsoDate): boolean {
  const content = versionOf(ledger, version);
  if (content === undefined) return false;
  return (content.effectiveFrom === null || content.effectiveFrom <= t) && (content.effectiveUntil === null || t <= content.effectiveUntil);
}

export function satisfied(ledger: Ledger, version: number, t: IsoDate): boolean {
  const parties = versionOf(ledger, version)?.parties ?? [];
  return (
    parties.length > 0 &&
    parties.every((party) => approved(ledger, party.partyId, version, t) && signed(ledger, party.partyId, version, t)) &&
    inTerm(ledger, version, t)
  );
}

/** Answers already worked out, per ledger and date: `expiredBy` asks about earlier dates again and again. */
const inForceMemo = new WeakMap<Ledger, Map<IsoDate, number | null>>();

/**
 * The version in force at t: none from a standing termination's effectiveOn; else the highest
 * satisfied version above every version that expired by t.
 */
export function versionInForce(ledger: Ledger, t: IsoDate): number | null {
  let memo = inForceMemo.get(ledger);
  if (memo === undefined) inForceMemo.set(ledger, (memo = new Map()));
  if (memo.has(t)) return memo.get(t) ?? null;
  let answer: number | null = null;
  if (ledger.terminatedOn === null || t < ledger.terminatedOn) {
    const floor = expiredBy(ledger, t);
    const holding = ledger.versions.filter((version) => version.version > floor && satisfied(ledger, version.version, t)).map((version) => version.version);
    answer = holding.length === 0 ? null : Math.max(...holding);
  }
  memo.set(t, answer);
  return answer;
}

/**
 * The highest version that expired by t — was in force on its effectiveUntil, a day before t — or
 * 0: no version at or below it comes back. Each question is about an earlier date, so it ends.
 */
export function expiredBy(ledger: Ledger, t: IsoDate): number {
  const expired = ledger.versions
    .filter(({ version, effectiveUntil }) => effectiveUntil !== null && effectiveUntil < t && versionInForce(ledger, effectiveUntil) === version)
    .map(({ version }) => version);
  return Math.max(0, ...expired);
}

/** Every date a fact names: the only dates on which the answer can change. */
export function changeDates(ledger: Ledger): IsoDate[] {
  const dates = [
    ...ledger.decisions.map((decision) => decision.data.decidedOn),
    ...ledger.annulments.map((annulment) => annulment.data.annulledOn),
    ...ledger.signatures.map((signature) => signature.data.signedOn),
    ...ledger.versions.flatMap(({ effectiveFrom }) => (effectiveFrom === null ? [] : [effectiveFrom])),
    // The first day out of term; 9999-12-31 has no day after that a date can name.
    ...ledger.versions.flatMap(({ effectiveUntil }) => (effectiveUntil === null || effectiveUntil === '9999-12-31' ? [] : [nextDay(effectiveUntil)])),
    ...(ledger.terminatedOn === null ? [] : [ledger.terminatedOn]),
  ];
  return [...new Set(dates)].sort();
}

function nextDay(date: IsoDate): IsoDate {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

import type {
  AgreementDrafted,
  AgreementSigned,
  AgreementTerminated,
  AnnulmentReversed,
  AppealLodged,
  AppealResolved,
  DecisionAnnulled,
  DecisionRecorded,
  IsoDate,
} from '../src/core/agreement-events.js';
import { knownBy, type AsOfQuery, type Recorded, type RecordedEvent, type Stamp } from './recorded-event.js';
import { amendContent, draftContent, type VersionContent } from '../src/core/version-content.js';
import type { Version } from './versions.js';

/**
 * The event list as the rules from scratch read it: every fact known at knownAt, in log order,
 * with each version's content worked out from its predecessors. No rule is applied here but
 * "a withdrawal voids the terminations recorded before it".
 */
export interface Ledger {
  readonly draft: Recorded<AgreementDrafted['data']>;
  readonly versions: readonly LedgerVersion[];
  readonly decisions: readonly Recorded<DecisionRecorded['data']>[];
  readonly annulments: readonly Recorded<DecisionAnnulled['data']>[];
  readonly reversals: readonly Recorded<AnnulmentReversed['data']>[];
  readonly appeals: readonly Recorded<AppealLodged['data']>[];
  readonly resolutions: readonly Recorded<AppealResolved['data']>[];
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
  const reversals: Ledger['reversals'][number][] = [];
  const appeals: Ledger['appeals'][number][] = [];
  const resolutions: Ledger['resolutions'][number][] = [];
  const signatures: Ledger['signatures'][number][] = [];
  const terminations: Recorded<AgreementTerminated['data']>[] = [];
  const withdrawals: Stamp[] = [];
  for (const recorded of events) {
    const { event, eventId, revision, position, recordedAt } = recorded;
    const stamp = { eventId, revision, position, recordedAt };
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
      case 'AnnulmentReversed':
        if (known) reversals.push({ ...stamp, data: event.data });
        break;
      case 'AppealLodged':
        if (known) appeals.push({ ...stamp, data: event.data });
        break;
      case 'AppealResolved':
        if (known) resolutions.push({ ...stamp, data: event.data });
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
  return { draft, versions, decisions, annulments, reversals, appeals, resolutions, signatures, terminatedOn, last };
}

export function versionOf(ledger: Ledger, version: number): LedgerVersion | undefined {
  return ledger.versions.find((candidate) => candidate.version === version);
}

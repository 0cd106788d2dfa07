import { isDeepStrictEqual } from 'node:util';
import { projectAgreement, type AgreementProjection } from '../agreement-projection.js';
import { evaluateFromScratch } from '../evaluate-from-scratch.js';
import type { KnownAt, RecordedEvent } from '../recorded-event.js';
import { status, type Status } from '../status.js';
import { versions, type Version } from '../versions.js';
import { record, type HistoryEntry } from './agreement-fixtures.js';

/** Spec support (kept free of Jest so the build compiles it): an agreement given by its events. */
export interface GivenAgreement {
  readonly events: readonly RecordedEvent[];
  readonly state: AgreementProjection;
  /** The projection's answer; throws unless a double replay and the rules from scratch agree. */
  statusOn(asOf: string, knownAt?: KnownAt): Status | null;
  versionsOn(asOf: string, knownAt?: KnownAt): Version[] | null;
}

/** Every answer is also computed from the events replayed twice (redelivery) and from the rules. */
export function given(...entries: readonly HistoryEntry[]): GivenAgreement {
  const events = record(...entries);
  const state = projectAgreement(events);
  const replayed = projectAgreement([...events, ...events]);
  return {
    events,
    state,
    statusOn: (asOf, knownAt) =>
      agreed(
        status(state, { asOf, knownAt }),
        status(replayed, { asOf, knownAt }),
        evaluateFromScratch(events, { asOf, knownAt })?.status ?? null,
      ),
    versionsOn: (asOf, knownAt) =>
      agreed(
        versions(state, { asOf, knownAt }),
        versions(replayed, { asOf, knownAt }),
        evaluateFromScratch(events, { asOf, knownAt })?.versions ?? null,
      ),
  };
}

function agreed<T>(projected: T, replayed: T, fromScratch: T): T {
  if (!isDeepStrictEqual(projected, replayed)) {
    throw new Error(`replaying the events twice changed the answer\nonce:  ${JSON.stringify(projected)}\ntwice: ${JSON.stringify(replayed)}`);
  }
  if (!isDeepStrictEqual(projected, fromScratch)) {
    throw new Error(`projection and rules disagree\nprojection: ${JSON.stringify(projected)}\nrules:      ${JSON.stringify(fromScratch)}`);
  }
  return projected;
}

import { decodeAgreementEvent } from '../core/agreement-contract.js';
import type { IsoDate } from '../core/agreement-events.js';
import { compareParsedPositions, parseLogPosition } from '../core/log-position.js';
import { agreementIdOf, agreementStreamId } from '../core/stream-names.js';
import { evolve, initialAgreementProjection, status, versions, type AgreementProjection, type KnownAt, type Status, type Version } from '../../projections/index.js';
import type { KnownAtArgument } from '../read-models/known-at.js';
import { readExport } from './export-file.js';
import { named, type Problem } from './verify-export.js';

/**
 * `ledger replay` without the command line: every agreement of an export folded by the very
 * `projections/` the server runs, then asked what the API's `…/status` and `…/versions` ask.
 * Memory holds the projections, never the events.
 */
export interface ReplayQuery {
  readonly agreementId?: string;
  readonly asOf: IsoDate;
  readonly knownAt?: KnownAtArgument;
}

/** One agreement's answers, exactly the API's `Status` and `[Version]`. */
export interface AgreementAnswers {
  readonly status: Status;
  readonly versions: readonly Version[];
}

export type Replay = { readonly events: number; readonly agreements: AgreementAnswers[] } | { readonly events: number; readonly problem: Problem };

interface Folding {
  state: AgreementProjection;
  /** With knownAt a position: the stream's last revision at or before it. */
  knownRevision: number;
}

export async function replayExport(file: string, query: ReplayQuery, onEvents?: (count: number) => void): Promise<Replay> {
  const only = query.agreementId === undefined ? undefined : agreementStreamId(query.agreementId);
  const knownPosition = query.knownAt !== undefined && 'position' in query.knownAt ? parseLogPosition(query.knownAt.position) : undefined;
  const folds = new Map<string, Folding>();
  let events = 0;
  for await (const batch of readExport(file)) {
    for (const line of batch) {
      if ('problem' in line) return { events, problem: { position: null, streamId: null, revision: null, eventId: null, reason: `line ${line.line}: ${line.problem}` } };
      const event = line.event;
      if (only !== undefined && event.streamId !== only) continue;
      let folding = folds.get(event.streamId);
      if (folding === undefined) folds.set(event.streamId, (folding = { state: initialAgreementProjection(), knownRevision: -1 }));
      try {
        // Decoded the one way every reader decodes, folded by the server's own evolve.
        folding.state = evolve(folding.state, decodeAgreementEvent(event));
      } catch (error) {
        return { events, problem: named(event, (error as Error).message) };
      }
      if (knownPosition !== undefined) {
        const position = parseLogPosition(event.position);
        if (position !== undefined && (compareParsedPositions(position, knownPosition) ?? 1) <= 0) folding.knownRevision = event.revision;
      }
      events++;
    }
    onEvents?.(events);
  }
  const agreements: AgreementAnswers[] = [];
  for (const [streamId, folding] of folds) {
    if (agreementIdOf(streamId) === undefined) continue;
    const knownAt: KnownAt | undefined =
      query.knownAt === undefined ? undefined : 'recordedAt' in query.knownAt ? query.knownAt : { revision: folding.knownRevision };
    const answer = status(folding.state, { asOf: query.asOf, knownAt });
    // Null: the agreement was not yet recorded at knownAt (the API answers 404).
    if (answer === null) continue;
    agreements.push({ status: answer, versions: versions(folding.state, { asOf: query.asOf, knownAt }) ?? [] });
  }
  return { events, agreements };
}

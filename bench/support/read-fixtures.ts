/**
 * A realistic agreement log for the read benchmarks: many agreement streams, each a history the
 * decider would have written (agreement-script.ts), interleaved in the global log as concurrent
 * traffic is; and the proof that they are: sample streams regenerated and re-decided by `decide`.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AgreementCommand } from '../../src/agreements/domain/agreement-commands.js';
import { decideAll } from '../../src/agreements/domain/decide.js';
import { encodeAgreementEvent } from '../../src/core/agreement-contract.js';
import type { AgreementEvent } from '../../src/core/agreement-events.js';
import { agreementStreamId } from '../../src/core/stream-names.js';
import type { EventToAppend, ExpectedRevision } from '../../src/event-store/event-store.port.js';
import { AgreementScript } from './agreement-script.js';
import { int, mulberry32 } from './read-catalogue.js';

export { mulberry32 };

// ---------------------------------------------------------------------------------------------
// The whole log: stream lengths, and how the streams interleave.

export interface LogShape {
  readonly agreements: number;
  readonly events: number;
  /** Agreements in progress at once; the next one is drafted when one's history is complete. */
  readonly active: number;
  /** Fraction of agreements whose last event is a termination. */
  readonly terminatedShare?: number;
  readonly seed?: number;
}

/** Stream lengths summing to `events`: mean events/agreements, ±40 % in pairs, at least 1. */
export function streamLengths(agreements: number, events: number, seed = 1): Int32Array {
  if (events < agreements) throw new RangeError(`${events} events cannot make ${agreements} agreements`);
  const base = Math.floor(events / agreements);
  const lengths = new Int32Array(agreements).fill(base);
  for (let i = 0; i < events % agreements; i++) lengths[i]!++;
  const rng = mulberry32(seed);
  for (let i = 0; i + 1 < agreements; i += 2) {
    const room = Math.min(lengths[i]!, lengths[i + 1]!) - 1;
    const delta = Math.min(room, Math.floor(base * 0.4 * (2 * rng() - 1)));
    const d = Math.max(-room, delta);
    lengths[i]! += d;
    lengths[i + 1]! -= d;
  }
  return lengths;
}

export interface PlannedAppend {
  readonly streamId: string;
  readonly events: EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
}

interface Cursor {
  readonly script: AgreementScript;
  readonly streamId: string;
  revision: number;
  remaining: number;
  readonly terminates: boolean;
}

export interface LogStats {
  readonly events: number;
  readonly appends: number;
  readonly byType: Record<string, number>;
  readonly dataBytes: number;
  readonly maxStream: number;
}

/**
 * The appends of the whole log in order. A window of `active` agreements is in progress at once:
 * each append is 1–4 events of one of them, chosen at random (a clerk recording one meeting's
 * decisions), or the draft of the next agreement while the window has room.
 */
export function* planLog(shape: LogShape, stats?: { byType: Record<string, number>; dataBytes: number; appends: number }): Generator<PlannedAppend> {
  const lengths = streamLengths(shape.agreements, shape.events, shape.seed ?? 1);
  const rng = mulberry32((shape.seed ?? 1) * 7919);
  const terminatedShare = shape.terminatedShare ?? 0.04;
  const active: Cursor[] = [];
  let next = 0;
  const start = (): Cursor => {
    const script = new AgreementScript(next, shape.agreements);
    const length = lengths[next]!;
    next++;
    return { script, streamId: agreementStreamId(script.agreementId), revision: -1, remaining: length, terminates: length >= 2 && rng() < terminatedShare };
  };
  while (next < shape.agreements || active.length > 0) {
    let cursor: Cursor;
    let slot = -1;
    if (next < shape.agreements && (active.length === 0 || (active.length < shape.active && rng() < 0.5))) {
      cursor = start();
    } else {
      slot = Math.floor(rng() * active.length);
      cursor = active[slot]!;
    }
    const count = Math.min(cursor.remaining, cursor.revision < 0 ? 1 : rng() < 0.55 ? 1 : int(rng, 2, 4));
    const events: EventToAppend[] = [];
    for (let i = 0; i < count; i++) {
      const { event, actor, eventId } = cursor.remaining === 1 && cursor.terminates ? cursor.script.termination() : cursor.script.next();
      cursor.remaining--;
      const requestId = randomUUID();
      events.push({ eventId, ...encodeAgreementEvent(event, { actor: actor.name, actorId: actor.id, $correlationId: requestId, $causationId: requestId }) });
      if (stats) {
        stats.byType[event.type] = (stats.byType[event.type] ?? 0) + 1;
        stats.dataBytes += JSON.stringify(event.data).length;
      }
    }
    const expectedRevision: ExpectedRevision = cursor.revision < 0 ? 'no-stream' : BigInt(cursor.revision);
    cursor.revision += count;
    if (stats) stats.appends++;
    yield { streamId: cursor.streamId, events, expectedRevision };
    if (slot < 0 && cursor.remaining > 0) active.push(cursor);
    else if (slot >= 0 && cursor.remaining === 0) {
      active[slot] = active[active.length - 1]!;
      active.pop();
    }
  }
}

/** Agreement ids of the log, in drafting order (the same ids `planLog` writes). */
export function agreementIds(agreements: number): string[] {
  return Array.from({ length: agreements }, (_, i) => new AgreementScript(i, agreements).agreementId);
}

// ---------------------------------------------------------------------------------------------
// Validity: regenerate sample agreements and have the decider write them from the same commands.

function commandOf(agreementId: string, event: AgreementEvent, now: Date): AgreementCommand {
  switch (event.type) {
    case 'AgreementDrafted':
      return { type: 'DraftAgreement', data: { ...event.data }, now };
    case 'AgreementAmended':
      return { type: 'AmendAgreement', data: { agreementId, basedOn: event.data.basedOn, summary: event.data.summary, changes: event.data.changes }, now };
    case 'DecisionRecorded':
      return { type: 'RecordDecision', data: { agreementId, ...event.data }, now };
    case 'DecisionAnnulled':
      return { type: 'AnnulDecision', data: { agreementId, ...event.data }, now };
    case 'AnnulmentReversed':
      return { type: 'ReverseAnnulment', data: { agreementId, ...event.data }, now };
    case 'AppealLodged':
      return { type: 'LodgeAppeal', data: { agreementId, ...event.data }, now };
    case 'AppealResolved':
      return { type: 'ResolveAppeal', data: { agreementId, ...event.data }, now };
    case 'AgreementSigned':
      return { type: 'SignAgreement', data: { agreementId, ...event.data }, now };
    case 'AgreementTerminated':
      return { type: 'TerminateAgreement', data: { agreementId, ...event.data }, now };
    case 'TerminationWithdrawn':
      return { type: 'WithdrawTermination', data: { agreementId, ...event.data }, now };
    case 'ObligationFulfilled':
      return { type: 'FulfilObligation', data: { agreementId, ...event.data }, now };
  }
}

/**
 * Regenerates the given agreements' streams exactly as `planLog` writes them (same lengths; both
 * endings, plain and terminated, since the choice is the log's) and checks that `decide`, given
 * the matching commands, writes the same events. Throws on the first difference.
 */
export function checkAgainstDecider(shape: LogShape, indices: readonly number[]): number {
  const lengths = streamLengths(shape.agreements, shape.events, shape.seed ?? 1);
  const now = new Date();
  let checked = 0;
  for (const index of indices) {
    const length = lengths[index]!;
    // Both endings the log may hold: the history cut at its length, or cut one short and terminated.
    for (const terminated of length >= 2 ? [false, true] : [false]) {
      const script = new AgreementScript(index, shape.agreements);
      const stream: AgreementEvent[] = [];
      const ids: string[] = [];
      const take = ({ event, eventId }: { event: AgreementEvent; eventId: string }) => {
        stream.push(event);
        ids.push(eventId);
      };
      for (let i = 0; i < (terminated ? length - 1 : length); i++) take(script.next());
      if (terminated) take(script.termination());
      // The decider is given the stream's own ids, so annulments and reversals resolve as in the log.
      const decided = decideAll(
        stream.map((event) => commandOf(script.agreementId, event, now)),
        undefined,
        (n) => ids[n]!,
      );
      if (!isDeepStrictEqual(decided, stream)) {
        const at = stream.findIndex((event, i) => !isDeepStrictEqual(event, decided[i]));
        throw new Error(
          `agreement ${script.agreementId}: the decider writes a different event at revision ${at}:\n` +
            `  generated ${JSON.stringify(stream[at])}\n  decided   ${JSON.stringify(decided[at])}`,
        );
      }
      checked++;
    }
  }
  return checked;
}

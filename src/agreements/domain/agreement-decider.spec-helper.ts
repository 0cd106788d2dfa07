import { expect } from '@jest/globals';
import type { AgreementCommand } from './agreement-commands.js';
import { AgreementDomainError, type AgreementErrorCode } from './agreement-errors.js';
import type { AgreementEvent } from '../../core/agreement-events.js';
import { evolve, initialState, type AgreementState } from './agreement-state.js';
import { decide } from './decide.js';

/**
 * Decider specs that read as the domain:
 *
 *   given([drafted]).when(recordDecision({...})).then([decisionRecorded({...})]);
 *   given([]).when(signAgreement({...})).thenThrows('agreement-not-found');
 *
 * The n-th event of the history has the id `event-n` (as `decideAll` numbers them), unless given
 * one with `withId`: later commands and events refer to decisions and annulments by these ids.
 * Call `.then(...)` directly; do not `await` or return the `when(...)` result (it looks like a promise).
 */
export function given(history: readonly (AgreementEvent | IdentifiedEvent)[]) {
  const state = replay(history);
  return {
    when(command: AgreementCommand) {
      return {
        /** Exactly these events, in this order; `[]` for an idempotent no-op. */
        then(expected: readonly AgreementEvent[]): void {
          expect(decide(command, state)).toStrictEqual(expected);
        },
        /** Refused with this code (and, when given, pointing at this request field). */
        thenThrows(code: AgreementErrorCode, field?: string): void {
          const error = refusal(() => decide(command, state));
          expect(error.code).toBe(code);
          if (field !== undefined) expect(error.field).toBe(field);
        },
      };
    },
  };
}

/** The state a history leaves, its events numbered as `given` numbers them. */
export function replay(history: readonly (AgreementEvent | IdentifiedEvent)[]): AgreementState {
  return history.reduce(
    (state, entry, n) => ('eventId' in entry ? evolve(state, entry.event, entry.eventId) : evolve(state, entry, `event-${n}`)),
    initialState(),
  );
}

/** An event of a given history with the id the log gave it. */
export interface IdentifiedEvent {
  readonly eventId: string;
  readonly event: AgreementEvent;
}

export function withId(eventId: string, event: AgreementEvent): IdentifiedEvent {
  return { eventId, event };
}

function refusal(run: () => unknown): AgreementDomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof AgreementDomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused, but it was accepted');
}

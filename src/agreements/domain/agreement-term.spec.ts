import type { AmendmentChange } from '../../core/agreement-events.js';
import { given, replay } from './agreement-decider.spec-helper.js';
import type { AgreementState } from './agreement-state.js';
import { amendAgreement, amended, draftAgreement, drafted } from './agreement-samples.spec-helper.js';

// A version's term (DESIGN.md `inTerm`): the first and the last day it may be in force, set by the
// draft and changed by a `revise-term` amendment; an end left open is unbounded.

const fixedTerm = { ...drafted, data: { ...drafted.data, effectiveFrom: '2023-01-01', effectiveUntil: '2025-12-31' } };

function termOf(state: AgreementState, version: number): unknown {
  if (state.status === 'none') throw new Error('no agreement');
  const found = state.versions.find((v) => v.number === version);
  return found && { effectiveFrom: found.effectiveFrom, effectiveUntil: found.effectiveUntil };
}

describe('the term of a draft', () => {
  it('records a fixed term, first and last day', () => {
    given([]).when(draftAgreement({ effectiveFrom: '2023-01-01', effectiveUntil: '2025-12-31' })).then([fixedTerm]);
  });

  it('records a last day without a first, and a term of one day', () => {
    given([]).when(draftAgreement({ effectiveUntil: '2025-12-31' })).then([{ ...drafted, data: { ...drafted.data, effectiveUntil: '2025-12-31' } }]);
    const oneDay = { effectiveFrom: '2025-06-30', effectiveUntil: '2025-06-30' };
    given([]).when(draftAgreement(oneDay)).then([{ ...drafted, data: { ...drafted.data, ...oneDay } }]);
  });

  it('refuses a last day before the first', () => {
    given([]).when(draftAgreement({ effectiveFrom: '2026-01-01', effectiveUntil: '2025-12-31' })).thenThrows('term-ends-before-start', 'effectiveUntil');
  });

  it('refuses a last day that is not a calendar date', () => {
    given([]).when(draftAgreement({ effectiveUntil: '2025-02-29' })).thenThrows('invalid-date', 'effectiveUntil');
  });
});

describe('revising the term by amendment', () => {
  const revise = (change: Omit<Extract<AmendmentChange, { op: 'revise-term' }>, 'op'>) => ({ op: 'revise-term' as const, ...change });

  it('extends the last day; the first stays as it was', () => {
    const change = revise({ effectiveUntil: '2027-12-31' });
    given([fixedTerm]).when(amendAgreement({ changes: [change] })).then([amended({ changes: [change] })]);
    const state = replay([fixedTerm, amended({ changes: [change] })]);
    expect(termOf(state, 2)).toEqual({ effectiveFrom: '2023-01-01', effectiveUntil: '2027-12-31' });
    expect(termOf(state, 1)).toEqual({ effectiveFrom: '2023-01-01', effectiveUntil: '2025-12-31' });
  });

  it('clears an end with null: the agreement runs until further notice', () => {
    const change = revise({ effectiveUntil: null });
    given([fixedTerm]).when(amendAgreement({ changes: [change] })).then([amended({ changes: [change] })]);
    const state = replay([fixedTerm, amended({ changes: [change] })]);
    expect(termOf(state, 2)).toEqual({ effectiveFrom: '2023-01-01', effectiveUntil: null });
  });

  it('sets both ends of an open-ended agreement', () => {
    const change = revise({ effectiveFrom: '2025-01-01', effectiveUntil: '2028-12-31' });
    given([drafted]).when(amendAgreement({ changes: [change] })).then([amended({ changes: [change] })]);
  });

  it('every later version inherits the term it does not revise', () => {
    const change = revise({ effectiveUntil: '2027-12-31' });
    const state = replay([fixedTerm, amended({ changes: [change] }), amended({ version: 3, basedOn: 2 })]);
    expect(termOf(state, 3)).toEqual({ effectiveFrom: '2023-01-01', effectiveUntil: '2027-12-31' });
  });

  it('refuses a term that would end before it begins, naming the date at fault', () => {
    given([fixedTerm])
      .when(amendAgreement({ changes: [revise({ effectiveUntil: '2022-12-31' })] }))
      .thenThrows('term-ends-before-start', 'changes[0].effectiveUntil');
    given([fixedTerm])
      .when(amendAgreement({ changes: [{ op: 'amend-annex', annexId: 'B', sha256: 'd'.repeat(64) }, revise({ effectiveFrom: '2026-01-01' })] }))
      .thenThrows('term-ends-before-start', 'changes[1].effectiveFrom');
  });

  it('refuses a revision that names neither end, or a date not in the calendar', () => {
    given([fixedTerm]).when(amendAgreement({ changes: [revise({})] })).thenThrows('amendment-without-changes', 'changes[0]');
    given([fixedTerm]).when(amendAgreement({ changes: [revise({ effectiveFrom: '2025-13-01' })] })).thenThrows('invalid-date', 'changes[0].effectiveFrom');
  });
});

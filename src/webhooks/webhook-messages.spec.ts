import { initialAgreementProjection, evolve, type DraftedAgreement } from '../../projections/index.js';
import { amended, drafted } from '../../projections/testing/agreement-fixtures.js';
import { matchesType, redactConfidentialAnnexes, webhookType } from './webhook-messages.js';

const stamp = (revision: number) => ({ eventId: `e${revision}`, revision, position: String(revision + 1), recordedAt: '2025-01-01T10:00:00Z' });

describe('webhook message types', () => {
  it('are derived from event names, so an event type added later needs no webhook change', () => {
    expect(webhookType('AgreementDrafted')).toBe('agreement.drafted');
    expect(webhookType('DecisionRecorded')).toBe('decision.recorded');
    expect(webhookType('AnnulmentReversed')).toBe('annulment.reversed');
    expect(webhookType('TerminationWithdrawn')).toBe('termination.withdrawn');
    expect(webhookType('ObligationFulfilled')).toBe('obligation.fulfilled');
    expect(webhookType('WitnessCosignatureAccepted')).toBe('witness_cosignature.accepted');
  });

  it('name a termination termination.recorded: agreement.terminated is the day force ends', () => {
    expect(webhookType('AgreementTerminated')).toBe('termination.recorded');
  });

  it('match exact names and prefix.* wildcards; no patterns match everything', () => {
    expect(matchesType([], 'decision.recorded')).toBe(true);
    expect(matchesType(['decision.*'], 'decision.annulled')).toBe(true);
    expect(matchesType(['decision.*'], 'decisions.recorded')).toBe(false);
    expect(matchesType(['agreement.entered_into_force'], 'agreement.entered_into_force')).toBe(true);
    expect(matchesType(['agreement.entered_into_force'], 'agreement.expired')).toBe(false);
  });
});

describe('confidential annexes in a message', () => {
  const confidential = { annexId: 'C', title: 'Liite C: varautuminen', sha256: 'c'.repeat(64), publicity: 'confidential', legalBasis: 'JulkL 24 §' } as const;
  const agreement = [drafted({ annexes: [{ annexId: 'B', title: 'Liite B', sha256: 'b'.repeat(64), publicity: 'public' }] }), amended(2, [{ op: 'add-annex', ...confidential }])].reduce(
    (state, event, revision) => evolve(state, { event, ...stamp(revision) }),
    initialAgreementProjection(),
  ) as DraftedAgreement;

  it('keep only their id wherever they appear, in any version, and leave public ones whole', () => {
    const data = { changes: [{ op: 'amend-annex', annexId: 'C', title: 'uusi otsikko', sha256: 'd'.repeat(64) }, { op: 'amend-annex', annexId: 'B', sha256: 'e'.repeat(64) }], annexes: [confidential] };
    expect(redactConfidentialAnnexes(agreement, data)).toEqual({
      changes: [{ op: 'amend-annex', annexId: 'C', publicity: 'confidential' }, { op: 'amend-annex', annexId: 'B', sha256: 'e'.repeat(64) }],
      annexes: [{ annexId: 'C', publicity: 'confidential' }],
    });
  });
});

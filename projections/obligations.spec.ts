import type { AgreementEvent, IsoDate, Obligation, ObligationFulfilled, Party } from '../src/core/agreement-events.js';
import { COUNCIL_TERMS, extendedCouncilTerms, type CouncilTerms } from '../src/core/council-terms.js';
import { projectAgreement } from './agreement-projection.js';
import { obligationRows, obligations, type Obligations } from './obligations.js';
import type { KnownAt } from './recorded-event.js';
import { amended, council, county, decided, drafted, hamina, kotka, record, recordedAt, signedBy, terminated, withId, type HistoryEntry } from './testing/agreement-fixtures.js';

// DESIGN.md "Obligations": periods (council terms from the table, calendar years, once), held
// only while a version listing the obligation is in force; per party met, due or overdue at
// asOf, as known at knownAt. Every answer is also checked against the events replayed twice.

const negotiation: Obligation = {
  obligationId: 'neuvottelu',
  title: 'Neuvottelu valtuustokausittain',
  recurrence: 'council-term',
  participation: 'each-party',
  convener: county.partyId,
  withParties: [kotka.partyId, hamina.partyId],
};
const wellbeing: Obligation = { obligationId: 'hyte', title: 'Hyvinvointineuvottelu', recurrence: 'annual', participation: 'joint' };
const report: Obligation = { obligationId: 'kertomus', title: 'Hyvinvointikertomus', recurrence: 'once', participation: 'each-party', convener: county.partyId, dueBy: '2024-06-30' };
const municipal: Obligation = { obligationId: 'kuntaneuvottelu', title: 'Kuntien neuvottelu', recurrence: 'council-term', participation: 'joint', convener: kotka.partyId, withParties: [hamina.partyId] };

const everyone = [county, kotka, hamina, council];
const model = drafted({ kind: 'cooperation-model', parties: everyone, obligations: [negotiation, wellbeing, report, municipal] });

/** Every party approves and signs `version`; in force from `signedOn`. */
const inForceFrom = (signedOn: IsoDate, version = 1): AgreementEvent[] =>
  everyone.flatMap((party) => [decided(party, 'approved', '2023-05-15', { version }), signedBy(party, signedOn, { version })]);

const held = (obligation: Obligation, heldOn: IsoDate, parties: readonly Party[]): ObligationFulfilled => ({
  type: 'ObligationFulfilled',
  data: { obligationId: obligation.obligationId, heldOn, parties: parties.map((p) => p.partyId) },
});

/** The answer, also from the events delivered twice, which must not change it. */
function answer(entries: readonly HistoryEntry[], asOf: IsoDate, knownAt?: KnownAt, terms: CouncilTerms = COUNCIL_TERMS): Obligations {
  const events = record(...entries);
  const once = obligations(projectAgreement(events), { asOf, ...(knownAt && { knownAt }) }, terms);
  expect(obligations(projectAgreement([...events, ...events]), { asOf, ...(knownAt && { knownAt }) }, terms)).toEqual(once);
  return once!;
}
const item = (answered: Obligations, obligation: Obligation) => answered.items.find((i) => i.obligationId === obligation.obligationId)!;

const history = [model, inForceFrom('2023-06-01'), withId('kotka-met', held(negotiation, '2023-10-16', [county, kotka]))];

describe('periods', () => {
  it('are none before a version listing the obligation is in force', () => {
    const before = answer(history, '2023-05-31');
    expect(before.version).toBe(1);
    expect(before.items.map((i) => i.periods)).toEqual([[], [], [], []]);
  });

  it('are the county council terms when a county is concerned, the municipal ones otherwise', () => {
    const answered = answer(history, '2024-01-01');
    expect(item(answered, negotiation).periods.map(({ from, to }) => ({ from, to }))).toEqual([{ from: '2022-03-01', to: '2025-05-31' }]);
    expect(item(answered, municipal).periods.map(({ from, to }) => ({ from, to }))).toEqual([{ from: '2021-08-01', to: '2025-05-31' }]);
  });

  it('are calendar years for an annual obligation, from the year it first binds', () => {
    expect(item(answer(history, '2024-03-01'), wellbeing).periods.map(({ from, to }) => ({ from, to }))).toEqual([
      { from: '2023-01-01', to: '2023-12-31' },
      { from: '2024-01-01', to: '2024-12-31' },
    ]);
  });

  it('for a once obligation, run from the first day it binds to dueBy, or on without one', () => {
    expect(item(answer(history, '2024-03-01'), report).periods.map(({ from, to }) => ({ from, to }))).toEqual([{ from: '2023-06-01', to: '2024-06-30' }]);
    const { dueBy: _none, ...withoutDueBy } = report;
    const answered = answer([drafted({ parties: everyone, obligations: [withoutDueBy] }), inForceFrom('2023-06-01')], '2030-01-01');
    expect(answered.items[0].periods).toMatchObject([{ from: '2023-06-01', to: null, status: 'due' }]);
  });

  it('are extended by configured council terms', () => {
    const terms = extendedCouncilTerms(COUNCIL_TERMS, { county: [{ from: '2029-06-01', to: '2033-05-31' }] });
    expect(item(answer(history, '2029-06-01', undefined, terms), negotiation).periods.map((p) => p.from)).toEqual(['2022-03-01', '2025-06-01', '2029-06-01']);
  });

  it('stop with a termination: no period after the last day it bound', () => {
    const answered = answer([...history, terminated('2024-07-01')], '2025-03-01');
    expect(item(answered, wellbeing).periods.map((p) => p.from)).toEqual(['2023-01-01', '2024-01-01']);
  });
});

describe('status per period and party', () => {
  it('keeps each-party status for those the convener meets, joint status for everyone concerned', () => {
    const answered = answer(history, '2024-01-01');
    expect(item(answered, negotiation).parties).toEqual([kotka.partyId, hamina.partyId]);
    expect(item(answered, wellbeing).parties).toEqual(everyone.map((p) => p.partyId));
    expect(item(answered, municipal).parties).toEqual([kotka.partyId, hamina.partyId]);
  });

  it('is met for the party a fulfilment names, with that fulfilment; due for the others while the period is open', () => {
    expect(item(answer(history, '2024-01-01'), negotiation).periods).toEqual([
      {
        from: '2022-03-01',
        to: '2025-05-31',
        status: 'due',
        parties: [
          { partyId: kotka.partyId, status: 'met', fulfilment: { eventId: 'kotka-met', heldOn: '2023-10-16' } },
          { partyId: hamina.partyId, status: 'due', fulfilment: null },
        ],
      },
    ]);
  });

  it('is due on the last day of the period and overdue from the next; a meeting that day belongs to the next period', () => {
    const late = [...history, held(negotiation, '2025-06-01', [county, hamina])];
    expect(item(answer(late, '2025-05-31'), negotiation).periods[0]).toMatchObject({ status: 'due', parties: [{ status: 'met' }, { status: 'due' }] });
    const after = item(answer(late, '2025-06-01'), negotiation).periods;
    expect(after[0]).toMatchObject({ status: 'overdue', parties: [{ status: 'met' }, { status: 'overdue' }] });
    expect(after[1]).toMatchObject({ from: '2025-06-01', status: 'due', parties: [{ status: 'due' }, { status: 'met' }] });
  });

  it('is met for a period when every party is, showing the earliest meeting', () => {
    const both = [...history, held(negotiation, '2024-02-01', [county, hamina, kotka]), withId('hamina-first', held(negotiation, '2023-12-01', [county, hamina]))];
    expect(item(answer(both, '2024-03-01'), negotiation).periods[0]).toMatchObject({
      status: 'met',
      parties: [{ fulfilment: { eventId: 'kotka-met' } }, { fulfilment: { eventId: 'hamina-first', heldOn: '2023-12-01' } }],
    });
  });

  it('counts a joint obligation met only by a meeting of everyone it concerns', () => {
    const partial = [...history, held(wellbeing, '2023-09-14', [county, kotka])];
    expect(item(answer(partial, '2024-01-01'), wellbeing).periods[0]).toMatchObject({ status: 'overdue', parties: everyone.map(() => ({ status: 'overdue', fulfilment: null })) });
    const joint = [...partial, held(wellbeing, '2023-09-20', everyone)];
    expect(item(answer(joint, '2024-01-01'), wellbeing).periods).toMatchObject([{ status: 'met' }, { status: 'due' }]);
  });

  it('meets a once obligation by a meeting on or before dueBy, even before it bound', () => {
    const early = [...history, held(report, '2023-03-01', [county, kotka, hamina, council])];
    expect(item(answer(early, '2024-08-01'), report).periods[0]).toMatchObject({ status: 'met' });
    const tooLate = [...history, held(report, '2024-07-01', [county, kotka, hamina, council])];
    expect(item(answer(tooLate, '2024-08-01'), report).periods[0]).toMatchObject({ status: 'overdue' });
  });
});

describe('asOf and knownAt', () => {
  it('counts no meeting held after asOf', () => {
    expect(item(answer(history, '2023-10-15'), negotiation).periods[0].parties[0]).toEqual({ partyId: kotka.partyId, status: 'due', fulfilment: null });
  });

  it('knows no fulfilment recorded after knownAt, though held before asOf', () => {
    const late = [model, inForceFrom('2023-06-01'), recordedAt('2025-01-10T10:00:00Z', held(negotiation, '2023-10-16', [county, kotka]))];
    expect(item(answer(late, '2024-01-01', { recordedAt: '2025-01-01T00:00:00Z' }), negotiation).periods[0].parties[0].status).toBe('due');
    expect(item(answer(late, '2024-01-01'), negotiation).periods[0].parties[0].status).toBe('met');
  });

  it('asks about the version in force at asOf, else the latest, as that version defines them', () => {
    const v2 = amended(2, [{ op: 'remove-obligation', obligationId: report.obligationId }, { op: 'revise-obligation', obligationId: negotiation.obligationId, withParties: [kotka.partyId] }]);
    const amendedLater = [...history, v2, inForceFrom('2024-09-01', 2)];
    const pending = answer(amendedLater, '2024-08-31');
    expect(pending.version).toBe(1);
    expect(pending.items).toHaveLength(4);
    const inForce = answer(amendedLater, '2024-09-01');
    expect(inForce.version).toBe(2);
    expect(inForce.items.map((i) => i.obligationId)).toEqual(['neuvottelu', 'hyte', 'kuntaneuvottelu']);
    expect(item(inForce, negotiation).parties).toEqual([kotka.partyId]);
    expect(answer([model], '2024-01-01')).toMatchObject({ version: 1, items: [{ periods: [] }, { periods: [] }, { periods: [] }, { periods: [] }] });
  });

  it('binds an obligation added by an amendment only from that version being in force', () => {
    const added = amended(2, [{ op: 'add-obligation', obligation: { ...wellbeing, obligationId: 'uusi' } }]);
    const answered = answer([...history, added, inForceFrom('2025-02-01', 2)], '2025-03-01');
    expect(answered.items.find((i) => i.obligationId === 'uusi')!.periods.map((p) => p.from)).toEqual(['2025-01-01']);
  });
});

describe('rows', () => {
  it('are one per obligation, period and party, with the agreement and the party named', () => {
    const state = projectAgreement(record(...history));
    const rows = obligationRows(state as Extract<typeof state, { status: 'drafted' }>, obligations(state, { asOf: '2024-01-01' }, COUNCIL_TERMS)!);
    expect(rows.filter((r) => r.obligationId === negotiation.obligationId)).toEqual([
      expect.objectContaining({ agreementId: 'kymenlaakso-hyvinvointi', region: 'Kymenlaakso', version: 1, partyId: kotka.partyId, partyName: 'Kotkan kaupunki', status: 'met', from: '2022-03-01', to: '2025-05-31' }),
      expect.objectContaining({ partyId: hamina.partyId, partyName: 'Haminan kaupunki', status: 'due', fulfilment: null }),
    ]);
  });
});

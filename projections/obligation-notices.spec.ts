import type { AgreementEvent, IsoDate, Obligation, ObligationFulfilled, Party } from '../src/core/agreement-events.js';
import { COUNCIL_TERMS } from '../src/core/council-terms.js';
import { projectAgreement } from './agreement-projection.js';
import { obligationNotices, upcomingNoticeDays } from './obligation-notices.js';
import { council, county, decided, drafted, hamina, kotka, record, signedBy, type HistoryEntry } from './testing/agreement-fixtures.js';

// DESIGN.md "Webhooks": obligation.due_soon falls reminderDays before a period's last day and
// obligation.overdue on the day after it, for each party still unmet on that day.

const wellbeing: Obligation = { obligationId: 'hyte', title: 'Hyvinvointineuvottelu', recurrence: 'annual', participation: 'joint' };
const negotiation: Obligation = {
  obligationId: 'neuvottelu',
  title: 'Neuvottelu valtuustokausittain',
  recurrence: 'council-term',
  participation: 'each-party',
  convener: county.partyId,
  withParties: [kotka.partyId, hamina.partyId],
};
const everyone = [county, kotka, hamina, council];
const inForceFrom = (signedOn: IsoDate): AgreementEvent[] =>
  everyone.flatMap((party) => [decided(party, 'approved', '2023-05-15'), signedBy(party, signedOn)]);
const held = (obligation: Obligation, heldOn: IsoDate, parties: readonly Party[]): ObligationFulfilled => ({
  type: 'ObligationFulfilled',
  data: { obligationId: obligation.obligationId, heldOn, parties: parties.map((p) => p.partyId) },
});

const model = drafted({ kind: 'cooperation-model', parties: everyone, obligations: [wellbeing, negotiation] });
const state = (...entries: HistoryEntry[]) => projectAgreement(record(model, inForceFrom('2023-06-01'), ...entries));
const notices = (entries: HistoryEntry[], after: IsoDate, through: IsoDate, reminderDays = 60) =>
  obligationNotices(state(...entries), COUNCIL_TERMS, reminderDays, after, through);
const year2023 = { from: '2023-01-01', to: '2023-12-31' };

describe('obligation notices', () => {
  it('fall due_soon reminderDays before the last day, for each party of an unmet period', () => {
    const due = notices([], '2023-11-01', '2023-11-01');
    expect(due).toEqual([]);
    expect(notices([], '2023-10-31', '2023-11-01').map(({ type, obligationId, partyId, effectiveOn }) => ({ type, obligationId, partyId, on: effectiveOn }))).toEqual(
      everyone.map((party) => ({ type: 'due_soon', obligationId: 'hyte', partyId: party.partyId, on: '2023-11-01' })),
    );
    expect(notices([], '2023-10-31', '2023-11-01')[0]!.period).toEqual(year2023);
  });

  it('fall overdue on the day after the period ends', () => {
    const overdue = notices([], '2023-12-31', '2024-01-01');
    expect(overdue.map(({ type, period, effectiveOn }) => ({ type, period, on: effectiveOn }))).toEqual(everyone.map(() => ({ type: 'overdue', period: year2023, on: '2024-01-01' })));
  });

  it('are silent for a period met by the day', () => {
    expect(notices([held(wellbeing, '2023-10-20', everyone)], '2023-10-31', '2024-01-01')).toEqual([]);
    // Met after the reminder but before the period ends: reminded, never overdue.
    const late = notices([held(wellbeing, '2023-12-01', everyone)], '2023-10-31', '2024-01-01');
    expect(late.map((n) => n.type)).toEqual(everyone.map(() => 'due_soon'));
  });

  it('are only for the parties still unmet in an each-party obligation', () => {
    const term = notices([held(negotiation, '2023-10-16', [county, kotka])], '2025-03-31', '2025-06-01').filter((n) => n.obligationId === 'neuvottelu');
    expect(term.map(({ type, partyId, effectiveOn }) => ({ type, partyId, on: effectiveOn }))).toEqual([
      { type: 'due_soon', partyId: hamina.partyId, on: '2025-04-01' },
      { type: 'overdue', partyId: hamina.partyId, on: '2025-06-01' },
    ]);
  });

  it('catch up on every day of a long range, and the reminder days follow the setting', () => {
    const missed = notices([], '2023-06-01', '2025-01-01', 30).filter((n) => n.obligationId === 'hyte' && n.partyId === kotka.partyId);
    expect(missed.map(({ type, effectiveOn }) => `${type} ${effectiveOn}`)).toEqual(['due_soon 2023-12-01', 'overdue 2024-01-01', 'due_soon 2024-12-01', 'overdue 2025-01-01']);
  });

  it('are the same when the events are delivered twice', () => {
    const events = record(model, inForceFrom('2023-06-01'));
    expect(obligationNotices(projectAgreement([...events, ...events]), COUNCIL_TERMS, 60, '2023-06-01', '2025-01-01')).toEqual(
      obligationNotices(projectAgreement(events), COUNCIL_TERMS, 60, '2023-06-01', '2025-01-01'),
    );
  });

  it('name the next days to look again, including the day after a met period', () => {
    expect(upcomingNoticeDays(state(held(wellbeing, '2023-07-01', everyone)), COUNCIL_TERMS, 60, '2023-06-01')).toEqual(['2023-11-01', '2024-01-01', '2025-04-01', '2025-06-01']);
    expect(upcomingNoticeDays(state(), COUNCIL_TERMS, 60, '2024-01-01')).toContain('2024-11-01');
  });
});

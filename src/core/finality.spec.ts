import { appealableUntil, firstWorkingDayFrom, isWorkingDay } from './finality.js';

describe('finality: the last day to appeal (410/2015, 150/1930)', () => {
  it('is publication + 7 + 30 days for a council, + 7 + 14 for a board, on a working day', () => {
    // Published Tuesday 2024-03-05: notified 2024-03-12; the council's window ends Thursday 2024-04-11.
    expect(appealableUntil('2024-03-05', 'council')).toBe('2024-04-11');
    // The board's window: 2024-03-26, a Tuesday.
    expect(appealableUntil('2024-03-05', 'board')).toBe('2024-03-26');
    expect(appealableUntil('2024-03-05', 'other')).toBe('2024-03-26');
  });

  it('moves a deadline on a Saturday or a Sunday to the Monday', () => {
    // 2024-02-01 + 37 = Saturday 2024-03-09 → Monday 2024-03-11.
    expect(appealableUntil('2024-02-01', 'council')).toBe('2024-03-11');
  });

  it('moves a deadline on Good Friday over Easter to the Tuesday after Easter Monday', () => {
    // 2024-02-21 + 37 = Friday 2024-03-29, Good Friday; Easter Monday is 2024-04-01.
    expect(appealableUntil('2024-02-21', 'council')).toBe('2024-04-02');
  });

  it("moves deadlines on Christmas Eve and Midsummer Eve, which the Act names, but not on New Year's Eve", () => {
    expect(isWorkingDay('2024-12-24')).toBe(false);
    expect(isWorkingDay('2024-06-21')).toBe(false);
    expect(isWorkingDay('2024-12-31')).toBe(true);
    expect(isWorkingDay('2024-12-06')).toBe(false); // Independence Day
    expect(isWorkingDay('2024-05-01')).toBe(false); // May Day
    expect(firstWorkingDayFrom('2024-12-24')).toBe('2024-12-27');
    expect(firstWorkingDayFrom('2024-06-21')).toBe('2024-06-24');
  });

  it('leaves a working day as it is', () => {
    expect(firstWorkingDayFrom('2024-04-11')).toBe('2024-04-11');
  });
});

import nodeIcal from 'node-ical';
import type { ObligationRow } from '../../projections/index.js';
import { calendarFile } from './calendar-file.js';

const row = (overrides: Partial<ObligationRow>): ObligationRow => ({
  agreementId: 'etela-savo-yhteistyomalli',
  agreementTitle: 'Etelä-Savon yhteistyömalli',
  region: 'Etelä-Savo',
  version: 1,
  obligationId: 'hyte-neuvottelu',
  title: 'Hyvinvointineuvottelu',
  legalBasis: '612/2021 6–7 §',
  recurrence: 'annual',
  participation: 'each-party',
  convener: '9940001-1',
  dueBy: null,
  from: '2026-01-01',
  to: '2026-12-31',
  partyId: '9940006-1',
  partyName: 'Juvan kunta',
  status: 'due',
  fulfilment: null,
  ...overrides,
});

const parsed = (text: string) => Object.values(nodeIcal.sync.parseICS(text)).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');

describe('calendarFile', () => {
  it("places an event on dueBy when there is one, else the period's last day, ending the day after, and leaves out a period with neither", () => {
    const text = calendarFile([row({}), row({ obligationId: 'kertaluonteinen', recurrence: 'once', dueBy: '2026-09-30', to: null }), row({ obligationId: 'avoin', to: null })], undefined);
    expect(text).toContain('DTSTART;VALUE=DATE:20261231');
    expect(text).toContain('DTEND;VALUE=DATE:20270101');
    expect(text).toContain('DTSTART;VALUE=DATE:20260930');
    expect(text).toContain('DTSTAMP:');
    expect(parsed(text).map((event) => event.uid)).toEqual([
      'etela-savo-yhteistyomalli.hyte-neuvottelu.2026-01-01@agreement-ledger',
      'etela-savo-yhteistyomalli.kertaluonteinen.2026-01-01@agreement-ledger',
    ]);
  });

  it('makes one event of a period however many parties still have to act in it, and names them', () => {
    const events = parsed(calendarFile([row({}), row({ partyId: '9940007-1', partyName: 'Mäntyharjun kunta' }), row({ from: '2027-01-01', to: '2027-12-31' })], undefined));
    expect(events).toHaveLength(2);
    expect(events[0]!.summary).toBe('Hyvinvointineuvottelu');
    expect(events[0]!.description).toBe('Etelä-Savon yhteistyömalli\n612/2021 6–7 §\nJuvan kunta, Mäntyharjun kunta');
    expect(events[1]!.description).toBe('Etelä-Savon yhteistyömalli\n612/2021 6–7 §\nJuvan kunta');
  });

  it('links the dashboard page only when the public URL is known', () => {
    const [withUrl] = parsed(calendarFile([row({})], 'https://ledger.example'));
    expect(JSON.stringify(withUrl!.url)).toContain('https://ledger.example/agreements/etela-savo-yhteistyomalli');
    const [withoutUrl] = parsed(calendarFile([row({ legalBasis: null })], undefined));
    expect(withoutUrl!.url).toBeUndefined();
    expect(withoutUrl!.description).toBe('Etelä-Savon yhteistyömalli\nJuvan kunta');
  });
});

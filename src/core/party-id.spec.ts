import fc from 'fast-check';
import { isStoredPartyId, isValidPartyId, normalisePartyId, partyIdCheckDigit } from './party-id.js';

describe('business id (Y-tunnus)', () => {
  // Real ids, as listed in the published Pohjois-Karjala cooperation agreement (and Helsinki's own).
  it.each([
    ['3221317-4', 'Pohjois-Karjalan hyvinvointialue'],
    ['0927140-5', 'Pohjois-Karjalan maakuntaliitto'],
    ['0242746-2', 'Joensuun kaupunki'],
    ['0169583-6', 'Liperin kunta'],
    ['1919717-3', 'Tohmajärven kunta'],
    ['0201256-6', 'Helsingin kaupunki'],
  ])('accepts %s (%s)', (id) => {
    expect(isValidPartyId(id)).toBe(true);
    expect(normalisePartyId(id)).toBe(id);
  });

  it('accepts check digit 0 when the weighted sum divides by 11 (Nurmeksen kaupunki 0207669-0)', () => {
    expect(partyIdCheckDigit('0207669')).toBe(0);
    expect(isValidPartyId('0207669-0')).toBe(true);
  });

  it('normalises an en dash, as pasted from a word processor, to a hyphen', () => {
    expect(normalisePartyId('0242746\u20132')).toBe('0242746-2');
  });

  it('refuses a wrong check digit', () => {
    expect(normalisePartyId('0242746-3')).toBeUndefined();
    expect(normalisePartyId('0242746\u20133')).toBeUndefined();
  });

  it('refuses numbers whose weighted sum leaves remainder 1: they have no check digit at all', () => {
    // 0000006: 6 × 2 = 12 ≡ 1 (mod 11); 9900019 likewise.
    expect(partyIdCheckDigit('0000006')).toBeUndefined();
    expect(partyIdCheckDigit('9900019')).toBeUndefined();
    for (const digit of '0123456789') expect(isValidPartyId(`0000006-${digit}`)).toBe(false);
  });

  it.each(['', '242746-2', '02427462', '0242746 -2', ' 0242746-2', '0242746-2 ', '0242746—2', '0242746-22', 'O242746-2', '０２４２７４６-２'])(
    'refuses the malformed %j',
    (raw) => {
      expect(normalisePartyId(raw)).toBeUndefined();
    },
  );

  it('gives no check digit for anything but seven digits', () => {
    expect(partyIdCheckDigit('024274')).toBeUndefined();
    expect(partyIdCheckDigit('02427460')).toBeUndefined();
    expect(partyIdCheckDigit('024274x')).toBeUndefined();
  });

  it('accepts exactly one check digit for every seven digits that have one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), (digits) => {
        const valid = [...'0123456789'].filter((c) => isValidPartyId(`${digits}-${c}`));
        const check = partyIdCheckDigit(digits);
        expect(valid).toEqual(check === undefined ? [] : [String(check)]);
      }),
    );
  });

  it('calls an id stored exactly when normalising leaves it as it is', () => {
    const nearlyIds = fc.oneof(
      fc.stringMatching(/^\d{7}[-\u2013x]\d$/),
      fc.stringMatching(/^\d{6,8}-\d{0,2}$/),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(fc.property(nearlyIds, (value) => expect(isStoredPartyId(value)).toBe(normalisePartyId(value) === value)), { numRuns: 2000 });
  });
});

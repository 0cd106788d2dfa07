import fc from 'fast-check';
import { isFreeText, isName, normaliseName } from './text-formats.js';

/** Strings made mostly of the characters the rules are about: spaces of every kind, controls, surrogates. */
const awkward = fc.string({
  unit: fc.constantFrom('a', 'ö', ' ', ' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u0000', '\u001b', '\u007f', '\u0085', '\ud800', '\udc00', '😀'),
  maxLength: 8,
});

describe('the string formats of the event contract', () => {
  it('calls a name valid exactly when it is well formed, control-free, non-empty and already normalised', () => {
    // The definition as written before isName became one regular expression.
    // eslint-disable-next-line no-control-regex
    const reference = (value: string): boolean => value.isWellFormed() && !/[\u0000-\u001f\u007f-\u009f]/.test(value) && value !== '' && value === normaliseName(value);
    fc.assert(fc.property(awkward, (value) => expect(isName(value)).toBe(reference(value))), { numRuns: 5000 });
  });

  it('calls free text valid exactly when it is well formed, without controls but tab and newline, and not blank', () => {
    // eslint-disable-next-line no-control-regex
    const reference = (value: string): boolean => value.isWellFormed() && !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(value) && value.trim() !== '';
    fc.assert(fc.property(awkward, (value) => expect(isFreeText(value)).toBe(reference(value))), { numRuns: 5000 });
  });

  it.each([
    ['Kotkan kaupunginvaltuusto', true],
    ['Kotkan  kaupunginvaltuusto', false],
    [' Kotka', false],
    ['Kotka ', false],
    ['Kotka\u00a0kaupunki', false],
    ['', false],
  ])('isName(%j) is %s', (value, valid) => expect(isName(value)).toBe(valid));
});

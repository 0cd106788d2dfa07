/**
 * Finnish business id (Y-tunnus): seven digits, a hyphen and a check digit, e.g. `0201256-6`.
 * Clerks often paste ids from word processors, which turn the hyphen into an en dash; we accept
 * that and always store the hyphenated form, so one party never appears under two spellings.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;
const SEVEN_DIGITS = /^\d{7}$/;
const PARTY_ID = /^(\d{7})[-\u2013](\d)$/;

/**
 * The check digit for the seven leading digits, or `undefined` when there is none: a weighted sum
 * with remainder 1 has no valid check digit, so such numbers are never issued.
 */
export function partyIdCheckDigit(sevenDigits: string): number | undefined {
  if (!SEVEN_DIGITS.test(sevenDigits)) return undefined;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(sevenDigits[i]), 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return undefined;
  return 11 - remainder;
}

/** The id in its stored form (`NNNNNNN-C`), or `undefined` when it is malformed or its check digit is wrong. */
export function normalisePartyId(raw: string): string | undefined {
  const match = PARTY_ID.exec(raw);
  if (match === null) return undefined;
  const [, digits = '', check = ''] = match;
  return partyIdCheckDigit(digits) === Number(check) ? `${digits}-${check}` : undefined;
}

/**
 * `normalisePartyId(value) === value`, without the match array and the string that builds: the
 * event contract asks it of every party id of every event it validates.
 */
export function isStoredPartyId(value: string): boolean {
  if (value.length !== 9 || value.charCodeAt(7) !== 0x2d /* - */) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const digit = value.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return false;
    sum += WEIGHTS[i]! * digit;
  }
  const check = value.charCodeAt(8) - 0x30;
  const remainder = sum % 11;
  return check >= 0 && check <= 9 && remainder !== 1 && check === (remainder === 0 ? 0 : 11 - remainder);
}

export function isValidPartyId(raw: string): boolean {
  return normalisePartyId(raw) !== undefined;
}

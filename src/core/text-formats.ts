import Format from 'typebox/format';
import { isStoredPartyId } from './party-id.js';

/**
 * The string formats of the event contract. The log hashes I-JSON (RFC 7493) as RFC 8785
 * canonical JSON, so no string in it may hold a lone surrogate; and what an auditor reads back
 * must mean what it showed: no control characters that a terminal or a PDF renders differently.
 */

// C0 controls but tab (\t) and newline (\n), DEL, and the C1 controls: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_FREE_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * What `isName` refuses, in one pass and without building the normalised copy: a control
 * character, whitespace but the plain space, two spaces together, a space at either end.
 */
// eslint-disable-next-line no-control-regex
const NOT_A_NAME = /[\u0000-\u001f\u007f-\u009f]|[^\S ]| {2}|^ | $/;
const NOT_WHITESPACE = /\S/;

/** The first control character that free text may not hold (any but tab and newline), if there is one. */
export function forbiddenControl(value: string): string | undefined {
  return CONTROL_IN_FREE_TEXT.exec(value)?.[0];
}

/** Free text (a reason, a summary, a title): tab and newline allowed, other controls not. */
export function isFreeText(value: string): boolean {
  return value.isWellFormed() && !CONTROL_IN_FREE_TEXT.test(value) && NOT_WHITESPACE.test(value);
}

/**
 * A name that identifies (a region, a party, a body, a signatory): compared by equality, so it is
 * stored in one spelling only — trimmed, inner whitespace collapsed to single spaces.
 */
export function isName(value: string): boolean {
  // Equal to `value === normaliseName(value)` (trim and \s use the same whitespace), without the copy.
  return value !== '' && value.isWellFormed() && !NOT_A_NAME.test(value);
}

/** The one spelling of a name: trimmed, each run of whitespace one space. */
export function normaliseName(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/**
 * Whether two names name the same one (a body, a signatory): compared after normalising, in one
 * Unicode form (a decomposed "ä" is an "ä") and without regard to case, as people read them.
 */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The same few names (a party's bodies) are compared again for every decision and every query: their keys are kept, a bounded number. */
const nameKeys = new Map<string, string>();

function nameKey(value: string): string {
  let key = nameKeys.get(value);
  if (key === undefined) {
    if (nameKeys.size >= 10_000) nameKeys.clear();
    key = normaliseName(value).normalize('NFC').toLowerCase();
    nameKeys.set(value, key);
  }
  return key;
}

/** A business id in its stored form: `NNNNNNN-C` with a hyphen and a valid check digit. */
export { isStoredPartyId };

export const FORMATS = {
  freeText: 'ledger-free-text',
  name: 'ledger-name',
  partyId: 'finnish-business-id',
} as const;

// The compiled validators look formats up by name; registering is idempotent.
Format.Set(FORMATS.freeText, isFreeText);
Format.Set(FORMATS.name, isName);
Format.Set(FORMATS.partyId, isStoredPartyId);

/**
 * Text from outside the ledger's own validation (an OIDC display name) made fit for the log:
 * lone surrogates replaced, control characters turned into spaces, whitespace normalised.
 */
export function printable(value: string): string {
  return normaliseName(value.toWellFormed().replace(CONTROL, ' '));
}

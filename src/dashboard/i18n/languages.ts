import type { Catalogue } from './catalogue.js';
import { en } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Finnish unless the user chose otherwise. */
export const DEFAULT_LANGUAGE: Language = 'fi';

export const CATALOGUES: Record<Language, Catalogue> = { fi, sv, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

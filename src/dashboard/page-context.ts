import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse, serialize } from 'cookie';
import type { Principal } from '../auth/principal.js';
import type { AuthenticatedRequest } from '../auth/guards/principal.guard.js';
import type { Catalogue } from './i18n/catalogue.js';
import { CATALOGUES, DEFAULT_LANGUAGE, isLanguage, type Language } from './i18n/languages.js';

/** What every page needs besides its data: the language, the signed-in principal and the form token. */
export interface PageContext {
  readonly lang: Language;
  readonly t: Catalogue;
  /** The request's path and query, for the language links and the sign-in's way back. */
  readonly url: URL;
  readonly principal?: Principal;
  readonly csrfToken?: string;
}

const LANGUAGE_COOKIE = 'ledger_lang';

/**
 * The language: `?lang=` when given (and kept in a cookie for a year), else the kept choice, else
 * Finnish. A preference of the browser, not a state of the ledger, so a link may set it.
 */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const url = new URL(request.url, 'http://dashboard.invalid');
  const asked = url.searchParams.get('lang');
  let lang: Language = DEFAULT_LANGUAGE;
  if (isLanguage(asked)) {
    lang = asked;
    void reply.header(
      'set-cookie',
      serialize(LANGUAGE_COOKIE, asked, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: isHttps(request) }),
    );
  } else {
    const kept = request.headers.cookie ? parse(request.headers.cookie)[LANGUAGE_COOKIE] : undefined;
    if (isLanguage(kept)) lang = kept;
  }
  const { principal, session } = request as AuthenticatedRequest;
  return { lang, t: CATALOGUES[lang], url, ...(principal && { principal }), ...(session && { csrfToken: session.csrfToken }) };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** LEDGER_PUBLIC_URL, when set (`installPublicOrigin`). */
    publicOrigin: string | null;
  }
}

/**
 * The server itself speaks plain http: behind a TLS proxy only LEDGER_PUBLIC_URL tells the origin
 * browsers see, and so whether cookies must be Secure and which Origin a form must come from.
 */
export function installPublicOrigin(instance: FastifyInstance, publicUrl: string | undefined): void {
  instance.decorateRequest('publicOrigin', publicUrl ?? null);
}

/** The origin browsers reach the pages at: LEDGER_PUBLIC_URL when set, else what this request says. */
export function browserOrigin(request: FastifyRequest): string {
  return request.publicOrigin ?? `${request.protocol}://${request.headers.host}`;
}

export function isHttps(request: FastifyRequest): boolean {
  return browserOrigin(request).startsWith('https:');
}

/** The same page in another language (or with other query values). */
export function withQuery(url: URL, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(url.searchParams);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

import { parse, serialize } from 'cookie';

/**
 * Over https the cookie takes the `__Host-` prefix, which browsers accept only with `Secure`,
 * `Path=/` and no `Domain`: no other host or subdomain can set or shadow it. Plain http (a
 * developer's loopback) cannot carry `Secure`, so it gets the bare name.
 */
const NAMES = { secure: '__Host-ledger_session', plain: 'ledger_session' } as const;

/** The session id the browser sent, if any. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const cookies = parse(cookieHeader);
  return cookies[NAMES.secure] ?? cookies[NAMES.plain];
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), a browser-session cookie. */
export function sessionCookie(id: string, secure: boolean): string {
  return serialize(secure ? NAMES.secure : NAMES.plain, id, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(secure ? NAMES.secure : NAMES.plain, '', { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 0 });
}

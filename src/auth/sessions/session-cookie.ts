import { parse, serialize, type SerializeOptions } from 'cookie';

/**
 * Over https a cookie of ours takes the `__Host-` prefix, which browsers accept only with `Secure`,
 * `Path=/` and no `Domain`: no other host or subdomain can set or shadow it. Plain http (a
 * developer's loopback) cannot carry `Secure`, so it gets the bare name.
 */
export function hostCookie(name: string, value: string, secure: boolean, options: Omit<SerializeOptions, 'secure' | 'path' | 'domain'>): string {
  return serialize(secure ? `__Host-${name}` : name, value, { httpOnly: true, ...options, secure, path: '/' });
}

/** A `hostCookie`'s value as the browser sent it, under either name. */
export function hostCookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  const cookies = parse(cookieHeader);
  return cookies[`__Host-${name}`] ?? cookies[name];
}

const SESSION = 'ledger_session';

/** The session id the browser sent, if any. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  return hostCookieValue(cookieHeader, SESSION);
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), a browser-session cookie. */
export function sessionCookie(id: string, secure: boolean): string {
  return hostCookie(SESSION, id, secure, { sameSite: 'strict' });
}

export function clearedSessionCookie(secure: boolean): string {
  return hostCookie(SESSION, '', secure, { sameSite: 'strict', maxAge: 0 });
}

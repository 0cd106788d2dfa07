import { clearedSessionCookie, sessionCookie, sessionIdFrom } from './session-cookie.js';

describe('session cookie', () => {
  it('over https: __Host- name, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain and no lifetime (a browser-session cookie)', () => {
    expect(sessionCookie('abc', true)).toBe('__Host-ledger_session=abc; Path=/; HttpOnly; Secure; SameSite=Strict');
  });

  it('over plain http (a developer loopback) it cannot be Secure, so it takes the bare name', () => {
    expect(sessionCookie('abc', false)).toBe('ledger_session=abc; Path=/; HttpOnly; SameSite=Strict');
    expect(clearedSessionCookie(false)).toMatch(/^ledger_session=; Max-Age=0;/);
  });

  it('reads either name back', () => {
    expect(sessionIdFrom('a=1; __Host-ledger_session=xyz')).toBe('xyz');
    expect(sessionIdFrom('ledger_session=pqr')).toBe('pqr');
    expect(sessionIdFrom(undefined)).toBeUndefined();
  });
});

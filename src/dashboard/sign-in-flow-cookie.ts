import type { SignInFlow } from '../auth/oidc/oidc-sign-in.js';
import { hostCookie, hostCookieValue } from '../auth/sessions/session-cookie.js';

const FLOW = 'ledger_oidc';
/** A sign-in by redirect must come back within ten minutes. */
const FLOW_SECONDS = 600;

/**
 * The flow of a sign-in by redirect, kept in the browser that started it. SameSite=Lax, not Strict:
 * the provider's site sends the browser back, and only a Lax cookie comes along on that navigation.
 * It holds no credential — only what proves the answer belongs to this browser's own request.
 */
export function flowCookie(flow: SignInFlow, secure: boolean): string {
  return hostCookie(FLOW, Buffer.from(JSON.stringify(flow)).toString('base64url'), secure, { sameSite: 'lax', maxAge: FLOW_SECONDS });
}

export function clearedFlowCookie(secure: boolean): string {
  return hostCookie(FLOW, '', secure, { sameSite: 'lax', maxAge: 0 });
}

/** The flow the browser brought back, or undefined when it brought none or one not of our making. */
export function flowFrom(cookieHeader: string | undefined): SignInFlow | undefined {
  const value = hostCookieValue(cookieHeader, FLOW);
  if (!value) return undefined;
  try {
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { state, nonce, codeVerifier, next } = flow;
    return [state, nonce, codeVerifier, next].every((field) => typeof field === 'string')
      ? { state: state as string, nonce: nonce as string, codeVerifier: codeVerifier as string, next: next as string }
      : undefined;
  } catch {
    return undefined;
  }
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { serialize } from 'cookie';
import { newFormToken } from './form-protection.js';
import { isHttps, pageContext } from './page-context.js';
import { signInPage, type SignInProblem } from './pages/sign-in.page.js';

/** Before a session exists the form's token is checked against this cookie (double submit), against login forgery. */
export const SIGN_IN_COOKIE = 'ledger_sign_in';

export function signInCookie(formToken: string, secure: boolean, maxAge = 3600): string {
  return serialize(SIGN_IN_COOKIE, formToken, { path: '/sign-in', maxAge, httpOnly: true, sameSite: 'strict', secure });
}

/**
 * The sign-in page with a fresh form token (and its cookie), with `status` and the problem that
 * brought the reader back; `oidc` offers the organisation's provider.
 */
export function replyWithSignInForm(
  request: FastifyRequest,
  reply: FastifyReply,
  { status, next, oidc, problem }: { status: number; next: string; oidc: boolean; problem?: SignInProblem },
): void {
  const formToken = newFormToken();
  const context = pageContext(request, reply);
  void reply
    .header('set-cookie', signInCookie(formToken, isHttps(request)))
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .send(signInPage(context, { formToken, next, oidc, ...(problem && { problem }) }).markup);
}

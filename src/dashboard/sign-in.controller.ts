import { Body, Controller, Get, Header, Inject, Optional, Post, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parse } from 'cookie';
import { decodeJwt } from 'jose';
import { Authenticator } from '../auth/authenticator.js';
import { Public } from '../auth/decorators.js';
import type { AuthenticatedRequest } from '../auth/guards/principal.guard.js';
import { OidcSignIn } from '../auth/oidc/oidc-sign-in.js';
import { clearedSessionCookie, sessionCookie, sessionIdFrom } from '../auth/sessions/session-cookie.js';
import { SessionAuth } from '../auth/sessions/session-route.js';
import { SessionStore } from '../auth/sessions/session-store.js';
import { EmptyQueryValuesInterceptor } from './empty-query-values.interceptor.js';
import { assertSameSiteForm, localPath } from './form-protection.js';
import { isHttps } from './page-context.js';
import { PageErrorsFilter } from './page-errors.filter.js';
import { SignInForm, SignInPageQuery, SignOutForm } from './page-queries.dto.js';
import type { SignInProblem } from './pages/sign-in.page.js';
import { replyWithSignInForm, signInCookie, SIGN_IN_COOKIE } from './sign-in-form.js';

/**
 * Sign-in with a ledger token (or a pasted OIDC access token) into a session cookie, and sign-out;
 * sign-in by redirect to the OIDC provider is OidcSignInController's.
 */
// Pages, not API operations: left out of the OpenAPI document.
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorsFilter)
@UseInterceptors(EmptyQueryValuesInterceptor)
export class SignInController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: SessionStore,
    @Optional() @Inject(OidcSignIn) private readonly oidc?: OidcSignIn,
  ) {}

  @Get('sign-in')
  @Public()
  @SessionAuth()
  @Header('cache-control', 'no-store')
  signInPage(@Query() query: SignInPageQuery, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): void {
    if (request.principal) {
      void reply.code(303).header('location', localPath(query.next)).send();
      return;
    }
    this.renderForm(request, reply, 200, localPath(query.next));
  }

  @Post('sign-in')
  @Public()
  @Header('cache-control', 'no-store')
  async signIn(@Body() form: SignInForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const next = localPath(form.next);
    const expected = request.headers.cookie ? parse(request.headers.cookie)[SIGN_IN_COOKIE] : undefined;
    try {
      assertSameSiteForm(request, expected, form._csrf);
    } catch {
      this.renderForm(request, reply, 403, next, 'expired');
      return;
    }
    const authentication = await this.authenticator.authenticate(`Bearer ${form.token.trim()}`);
    if (authentication.outcome !== 'authenticated') {
      void reply.header('www-authenticate', 'Bearer realm="agreement-ledger"');
      this.renderForm(request, reply, 401, next, 'refused');
      return;
    }
    const { principal } = authentication;
    const { id } = this.sessions.create(principal, principal.authenticatedBy === 'oidc' ? { credentialExpiresAt: oidcExpiry(form.token.trim()) } : {});
    const secure = isHttps(request);
    void reply
      .header('set-cookie', [sessionCookie(id, secure), signInCookie('', secure, 0)])
      .code(303)
      .header('location', next)
      .send();
  }

  @Post('sign-out')
  @SessionAuth()
  @Header('cache-control', 'no-store')
  async signOut(@Body() form: SignOutForm, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    assertSameSiteForm(request, request.session?.csrfToken, form._csrf);
    const id = sessionIdFrom(request.headers.cookie);
    if (id !== undefined) this.sessions.end(id);
    // A sign-in by redirect ends at the provider too, when it offers that; it sends the browser back to /sign-in.
    const idToken = request.session?.idToken;
    const providerLogout = idToken !== undefined ? await this.oidc?.endSessionUrl(idToken) : undefined;
    void reply
      .header('set-cookie', clearedSessionCookie(isHttps(request)))
      .code(303)
      .header('location', providerLogout?.href ?? '/sign-in')
      .send();
  }

  private renderForm(request: FastifyRequest, reply: FastifyReply, status: number, next: string, problem?: SignInProblem): void {
    replyWithSignInForm(request, reply, { status, next, oidc: this.oidc !== undefined, ...(problem && { problem }) });
  }
}

/** The session of an OIDC sign-in ends with its access token; the verifier has already checked `exp`. */
function oidcExpiry(token: string): Date | undefined {
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
}

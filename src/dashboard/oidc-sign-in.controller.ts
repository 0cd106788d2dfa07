import { Controller, Get, Header, Inject, Logger, NotFoundException, Optional, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators.js';
import { OidcSignIn, ProviderUnreachable, SignInFlowMismatch } from '../auth/oidc/oidc-sign-in.js';
import { OidcClaimsGrantNoAccess } from '../auth/oidc/oidc-verifier.js';
import { sessionCookie } from '../auth/sessions/session-cookie.js';
import { SessionStore } from '../auth/sessions/session-store.js';
import { EmptyQueryValuesInterceptor } from './empty-query-values.interceptor.js';
import { localPath } from './form-protection.js';
import { isHttps, pageContext } from './page-context.js';
import { PageErrorsFilter } from './page-errors.filter.js';
import { SignInPageQuery } from './page-queries.dto.js';
import { signedInPage, type SignInProblem } from './pages/sign-in.page.js';
import { clearedFlowCookie, flowCookie, flowFrom } from './sign-in-flow-cookie.js';
import { replyWithSignInForm } from './sign-in-form.js';

/**
 * Sign-in by redirect to the organisation's OIDC provider (when LEDGER_OIDC_CLIENT_ID is set): the
 * start sends the browser there with a fresh flow, the callback turns the provider's answer into
 * the same session cookie as a token sign-in. Any failure shows the sign-in page again, says why,
 * and makes no session.
 */
// Pages, not API operations: left out of the OpenAPI document.
@ApiExcludeController()
@Controller('sign-in/oidc')
@UseFilters(PageErrorsFilter)
@UseInterceptors(EmptyQueryValuesInterceptor)
export class OidcSignInController {
  private readonly logger = new Logger('Dashboard');

  constructor(
    private readonly sessions: SessionStore,
    @Optional() @Inject(OidcSignIn) private readonly oidc?: OidcSignIn,
  ) {}

  @Get()
  @Public()
  @Header('cache-control', 'no-store')
  async start(@Query() query: SignInPageQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const oidc = this.configured();
    const next = localPath(query.next);
    let started: Awaited<ReturnType<OidcSignIn['start']>>;
    try {
      started = await oidc.start(next);
    } catch (error) {
      if (!(error instanceof ProviderUnreachable)) throw error;
      this.logger.warn(error.message);
      replyWithSignInForm(request, reply, { status: 503, next, oidc: true, problem: 'oidc-unreachable' });
      return;
    }
    void reply.header('set-cookie', flowCookie(started.flow, isHttps(request))).code(303).header('location', started.url.href).send();
  }

  // The provider's parameters (code, state, iss, session_state, error…) are read by openid-client, not by a DTO.
  @Get('callback')
  @Public()
  @Header('cache-control', 'no-store')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const oidc = this.configured();
    const secure = isHttps(request);
    const flow = flowFrom(request.headers.cookie);
    // The flow is used once, whatever comes of it.
    void reply.header('set-cookie', clearedFlowCookie(secure));
    const refuse = (status: number, problem: SignInProblem, reason: string) => {
      this.logger.warn(`OIDC sign-in refused: ${reason}`);
      replyWithSignInForm(request, reply, { status, next: localPath(flow?.next), oidc: true, problem });
    };
    if (!flow) return refuse(403, 'oidc-stale', 'no sign-in was started in this browser, or it expired');
    let signedIn: Awaited<ReturnType<OidcSignIn['finish']>>;
    try {
      signedIn = await oidc.finish(new URL(request.url, 'http://callback.invalid').search, flow);
    } catch (error) {
      const reason = (error as Error).message;
      if (error instanceof SignInFlowMismatch) return refuse(403, 'oidc-stale', reason);
      if (error instanceof ProviderUnreachable) return refuse(503, 'oidc-unreachable', reason);
      if (error instanceof OidcClaimsGrantNoAccess) return refuse(403, 'oidc-no-access', reason);
      return refuse(401, 'oidc-refused', reason);
    }
    const { id } = this.sessions.create(signedIn.principal, { idToken: signedIn.idToken });
    const next = localPath(flow.next);
    void reply
      .header('set-cookie', sessionCookie(id, secure))
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .send(signedInPage(pageContext(request, reply), next).markup);
  }

  private configured(): OidcSignIn {
    if (!this.oidc) throw new NotFoundException('sign-in by redirect is not configured');
    return this.oidc;
  }
}

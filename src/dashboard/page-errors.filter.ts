import { Catch, HttpException, Logger, UnauthorizedException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorPage, type PageError } from './pages/error.page.js';
import { pageContext } from './page-context.js';

/**
 * The pages answer with pages: no session → the sign-in page, which brings the reader back here;
 * a refusal or bad input → an error page with its status; anything unexpected → a 500 page, logged.
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof UnauthorizedException) {
      const back = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      void reply.code(303).header('location', `/sign-in${back}`).header('cache-control', 'no-store').send();
      return;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : statusOfClientError(exception);
    if (status === undefined || status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const shown: PageError = status === 403 || status === 404 ? status : status !== undefined && status < 500 ? 400 : 500;
    const detail = status !== undefined && status < 500 && exception instanceof Error ? exception.message : undefined;
    void reply
      .code(status ?? 500)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(errorPage(pageContext(request, reply), shown, detail).markup);
  }
}

/** Fastify's own client errors (a body too large, a bad form) carry a 4xx statusCode. */
function statusOfClientError(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

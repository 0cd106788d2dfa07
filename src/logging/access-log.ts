import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** What the auth guards leave on a request: only the principal's id is logged, never a credential. */
type RequestWithPrincipal = FastifyRequest & { principal?: { readonly id: string } };

/**
 * One line per answered request: request id (X-Request-Id, also the events' $correlationId),
 * principal id, method, route template, status and duration. The route is the template
 * (`/api/agreements/:id/status`), never the URL, so nothing a path or query carries (a calendar
 * feed's token, an id someone mistyped) lands in the log. A 5xx is logged at error level.
 */
export function installAccessLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request: RequestWithPrincipal, reply, done) => {
    const status = reply.statusCode;
    const line = {
      reqId: String(request.id),
      principal: request.principal?.id ?? null,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
    };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
    done();
  });
}

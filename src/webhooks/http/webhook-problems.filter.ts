import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { WebhookError } from '../webhook-errors.js';

const STATUS = { 'not-found': 404, forbidden: 403, refused: 422 } as const;

/** The webhook API's refusals as RFC 9457 problem documents; every other error goes on to the global filter. */
@Catch(WebhookError)
export class WebhookProblemsFilter implements ExceptionFilter {
  catch(error: WebhookError, host: ArgumentsHost): void {
    const status = STATUS[error.kind];
    const problem = {
      type: error.code === undefined ? 'about:blank' : `urn:agreement-ledger:problem:${error.code}`,
      title: STATUS_CODES[status]!,
      status,
      detail: error.message,
      ...(error.code !== undefined && { code: error.code }),
      ...(error.field !== undefined && { errors: [{ field: error.field, message: error.message }] }),
      instance: String(host.switchToHttp().getRequest<FastifyRequest>().id),
    };
    void host.switchToHttp().getResponse<FastifyReply>().status(status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }
}

import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { ApplicationError, type ApplicationErrorKind } from '../agreements/application-errors.js';
import { AgreementDomainError, AgreementRuleViolation } from '../agreements/domain/agreement-errors.js';

/** RFC 9457 problem document. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly message: string }>;
  readonly [extension: string]: unknown;
}

/**
 * Every error leaves the server as application/problem+json, and this is where the application's
 * and the decider's errors get their HTTP status. An HttpException may carry a ready problem
 * document as its response; anything unexpected is a 500 whose detail hides the internals (they
 * go to the log).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // `instance` is the request id (API.md): the line to look for in the log.
    const reqId = String(host.switchToHttp().getRequest<FastifyRequest>().id);
    const problem = { ...this.toProblem(exception, reqId), instance: reqId };
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  private toProblem(exception: unknown, reqId: string): ProblemDocument {
    if (exception instanceof AgreementDomainError) return domainProblem(exception);
    if (exception instanceof ApplicationError) return applicationProblem(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'type' in response && 'title' in response) {
        return { ...(response as ProblemDocument), status };
      }
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
      };
    }
    const status = fastifyStatus(exception);
    if (status !== undefined) {
      return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail: (exception as Error).message };
    }
    this.logger.error({ msg: 'unexpected error', reqId, error: exception instanceof Error ? (exception.stack ?? exception.message) : String(exception) });
    return {
      type: 'about:blank',
      title: STATUS_CODES[HttpStatus.INTERNAL_SERVER_ERROR]!,
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'The server failed to handle the request; the failure is logged.',
    };
  }
}

/** Fastify's own client errors (unparseable JSON, wrong content type) carry a 4xx statusCode. */
function fastifyStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

const APPLICATION_STATUS: Record<ApplicationErrorKind, number> = {
  'not-visible': 404,
  forbidden: 403,
  'revision-mismatch': 412,
  'concurrent-modification': 409,
  'id-taken': 409,
};

/** A refusal by the application (access, If-Match, a lost race): a plain problem of its status. */
function applicationProblem(error: ApplicationError): ProblemDocument {
  const status = APPLICATION_STATUS[error.kind];
  return { type: 'about:blank', title: STATUS_CODES[status]!, status, detail: error.message };
}

const DOMAIN_STATUS = { 'not-found': 404, conflict: 409, rule: 422 } as const;

/** A refusal by the decider: its stable code becomes the problem type, its field the error entry. */
function domainProblem(error: AgreementDomainError): ProblemDocument {
  const status = DOMAIN_STATUS[error.kind];
  return {
    type: `urn:agreement-ledger:problem:${error.code}`,
    title: error.kind === 'rule' ? 'The ledger\'s rules refuse this command' : STATUS_CODES[status]!,
    status,
    detail: error.message,
    code: error.code,
    ...(error.field !== undefined && { errors: [{ field: error.field, message: error.message }] }),
    // e.g. `knownBodies` with unknown-body: what the clerk may choose from instead.
    ...(error instanceof AgreementRuleViolation && error.extensions),
  };
}

import { STATUS_CODES } from 'node:http';
import type { ProblemDocument } from '../problem-details/problem-details.filter.js';
import type { JsonBodyError } from './strict-json.js';

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** Requests whose target is longer are answered 414 before routing (Node itself stops at 16 KiB of head). */
export const MAX_URL_LENGTH = 4096;

export function plainProblem(status: number, detail: string, instance?: string): ProblemDocument {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, ...(instance !== undefined && { instance }) };
}

/** A body the strict JSON parser refused: the problem is named in `type`, the place in `errors`. */
export function jsonBodyProblem(error: JsonBodyError): ProblemDocument {
  return {
    type: `urn:agreement-ledger:problem:${error.problem}`,
    title: 'Bad Request',
    status: 400,
    detail: error.message,
    code: error.problem,
    ...(error.path !== undefined && { errors: [{ field: error.path, message: error.message }] }),
  };
}

/**
 * The errors Fastify's router raises before any hook runs (`frameworkErrors`): a malformed
 * percent-encoding, an over-long path parameter. The detail never echoes the path.
 */
export function routerProblem(error: { code?: string; statusCode?: number }, instance: string): ProblemDocument {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return plainProblem(414, 'a segment of the path is longer than any identifier this API uses', instance);
    case 'FST_ERR_BAD_URL':
      return plainProblem(400, 'the path is not a valid URL: a percent-encoding is malformed', instance);
    default:
      return plainProblem(error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400, 'the request could not be routed', instance);
  }
}

/** What Node's HTTP parser refused (Fastify's `clientErrorHandler`), before there is a request. */
export function connectionProblem(error: { code?: string }, instance: string): ProblemDocument {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return plainProblem(408, 'the request was not received in time', instance);
    case 'HPE_HEADER_OVERFLOW':
      return plainProblem(431, 'the request line and headers are larger than the server accepts (16 KiB)', instance);
    default:
      return plainProblem(400, 'the request is not valid HTTP', instance);
  }
}

/**
 * Fastify's own error body (`{statusCode, error, message}`, e.g. the 503 while shutting down) as
 * a problem document; anything else is left alone.
 */
export function fromFastifyErrorBody(payload: unknown, instance: string): ProblemDocument | undefined {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const { statusCode, message } = body as { statusCode?: unknown; message?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 599) return undefined;
  return plainProblem(statusCode, typeof message === 'string' && statusCode < 500 ? message : (STATUS_CODES[statusCode] ?? 'Error'), instance);
}

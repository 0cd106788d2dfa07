import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { BadRequestException, HttpException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemDocument } from '../problem-details/problem-details.filter.js';
import {
  connectionProblem,
  fromFastifyErrorBody,
  jsonBodyProblem,
  MAX_URL_LENGTH,
  plainProblem,
  PROBLEM_JSON,
  routerProblem,
} from './framework-problems.js';
import { JsonBodyError, parseJsonBody } from './strict-json.js';

/** The hook `app.useSecurityHeaders()` registers (its type is internal to Nest). */
type SecurityRequestHook = Parameters<FastifyAdapter['registerSecurityHook']>[0];
type HeaderTarget = Parameters<SecurityRequestHook>[1];

/**
 * Fastify as the edge of the ledger: every answer, also those Fastify gives before routing (a bad
 * or over-long URL, a request Node's parser refuses, a CORS preflight), is an RFC 9457 problem
 * document when it is an error, and carries the security headers and `X-Request-Id`.
 *
 * The security headers are Nest's (`app.useSecurityHeaders()`, helmet's headers and defaults).
 * Nest applies them in a request hook that runs after the CORS hook and never for the router's own
 * errors, so the adapter keeps the hook Nest registers and applies it itself, first.
 */
export class EdgeAdapter extends FastifyAdapter {
  private applySecurityHeaders: SecurityRequestHook = () => undefined;

  constructor(options: { bodyLimit: number }) {
    // Fastify takes these handlers before `this` exists; they reach the adapter through `self`.
    const self: { adapter?: EdgeAdapter } = {};
    super({
      bodyLimit: options.bodyLimit,
      // X-Request-Id is taken when it is sane, generated otherwise; it becomes the events' $correlationId.
      genReqId: (request: IncomingMessage) => {
        const given = request.headers['x-request-id'];
        return typeof given === 'string' && /^[\w.:@-]{1,128}$/.test(given) ? given : randomUUID();
      },
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
        const id = String(request.id);
        self.adapter!.applyEdgeHeaders(request, reply.raw, id);
        const problem = routerProblem(error, id);
        void reply.code(problem.status).header('content-type', PROBLEM_JSON).send(JSON.stringify(problem));
      },
      clientErrorHandler: (error, socket) => self.adapter!.answerClientError(error, socket),
    });
    self.adapter = this;
  }

  override registerSecurityHook(hook: SecurityRequestHook): void {
    this.applySecurityHeaders = hook;
    super.registerSecurityHook(hook);
  }

  /**
   * Installs what the edge needs on an app made with this adapter; call it before `listen()`.
   * The first request hook sets the headers, so nothing Fastify or a plugin answers early misses them.
   */
  install(app: NestFastifyApplication): void {
    this.setOnRequestHook((request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
      this.applyEdgeHeaders(request, reply.raw, String(request.id));
      if (request.url.length > MAX_URL_LENGTH) {
        done(new HttpException(plainProblem(414, `the URL is longer than ${MAX_URL_LENGTH} characters`), 414));
        return;
      }
      done();
    });
    app.useBodyParser('application/json', { bodyLimit: this.getInstance().initialConfig.bodyLimit }, (_request, body, done) => {
      try {
        done(null, parseJsonBody(body));
      } catch (error) {
        done(error instanceof JsonBodyError ? new BadRequestException(jsonBodyProblem(error)) : (error as Error), undefined);
      }
    });
    this.getInstance().addHook('onSend', (request, reply, payload, done) => {
      const contentType = String(reply.getHeader('content-type') ?? '');
      const problem = reply.statusCode >= 400 && contentType.startsWith('application/json') ? fromFastifyErrorBody(payload, String(request.id)) : undefined;
      if (!problem) return done(null, payload);
      void reply.header('content-type', PROBLEM_JSON);
      done(null, JSON.stringify(problem));
    });
  }

  private applyEdgeHeaders(request: FastifyRequest | undefined, response: HeaderTarget, requestId: string): void {
    response.setHeader('x-request-id', requestId);
    try {
      // Only a CSRF check would read the request (not enabled here); the headers need none.
      this.applySecurityHeaders(request as FastifyRequest, response);
    } catch {
      // The answer is an error either way; a throw here would escape the router or the socket handler.
    }
  }

  /** Written to the socket by hand: there is no request or reply yet, only what Node parsed. */
  private answerClientError(error: Error & { code?: string }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) {
      const id = randomUUID();
      const problem: ProblemDocument = connectionProblem(error, id);
      const body = JSON.stringify(problem);
      const headers = new Map<string, string>();
      const collector: HeaderTarget = {
        setHeader: (name, value) => headers.set(name.toLowerCase(), value),
        removeHeader: (name) => headers.delete(name.toLowerCase()),
      };
      this.applyEdgeHeaders(undefined, collector, id);
      const head = [
        `HTTP/1.1 ${problem.status} ${problem.title}`,
        `content-type: ${PROBLEM_JSON}`,
        `content-length: ${Buffer.byteLength(body)}`,
        'connection: close',
        ...[...headers].map(([name, value]) => `${name}: ${value}`),
      ];
      socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
      return;
    }
    socket.destroy(error);
  }
}

import type { FastifyReply } from 'fastify';

const bodies = new WeakMap<object, Buffer>();

/**
 * Sends an answer the read side keeps and never changes (a status cached per state and date) as
 * JSON encoded once: after the first request Fastify sends the same bytes instead of serialising
 * the same object again. An answer made for one request is encoded once too, and forgotten with it.
 */
export function keptJson(reply: FastifyReply, answer: object): Buffer {
  let body = bodies.get(answer);
  if (body === undefined) {
    body = Buffer.from(JSON.stringify(answer));
    bodies.set(answer, body);
  }
  void reply.header('content-type', 'application/json; charset=utf-8');
  return body;
}

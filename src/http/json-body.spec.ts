import type { FastifyReply } from 'fastify';
import { keptJson } from './json-body.js';

function reply(): FastifyReply & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const target = { headers, header: (name: string, value: string) => ((headers[name] = value), target) };
  return target as unknown as FastifyReply & { headers: Record<string, string> };
}

describe('keptJson', () => {
  it('encodes an answer once and sends the same bytes for it again, as JSON', () => {
    const answer = { agreementId: 'kymenlaakso-2023', inForce: true, name: 'Pyhtään kunta' };
    const first = reply();
    const bytes = keptJson(first, answer);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(answer);
    expect(keptJson(reply(), answer)).toBe(bytes);
  });

  it('encodes another answer afresh, even one equal to it', () => {
    const answer = { inForce: false };
    expect(keptJson(reply(), { ...answer })).not.toBe(keptJson(reply(), { ...answer }));
  });
});

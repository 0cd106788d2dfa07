import type { ArgumentsHost } from '@nestjs/common';
import {
  ActionForbidden,
  AgreementIdTaken,
  AgreementNotVisible,
  ConcurrentModification,
  RevisionMismatch,
} from '../agreements/application-errors.js';
import { AgreementNotFound, AgreementRuleViolation } from '../agreements/domain/agreement-errors.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

/** What the filter sends for an error thrown by a handler. */
function problemFor(error: unknown): { status: number; contentType: string; body: Record<string, unknown> } {
  const sent = { status: 0, contentType: '', body: {} as Record<string, unknown> };
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    header: (_name: string, value: string) => ((sent.contentType = value), reply),
    send: (body: Record<string, unknown>) => ((sent.body = body), reply),
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'req-1' }) }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(error, host);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it.each([
    [new AgreementNotVisible('kymenlaakso-2023'), 404, 'Not Found', 'there is no agreement kymenlaakso-2023'],
    [new ActionForbidden('only the regional administration may do this'), 403, 'Forbidden', 'only the regional administration may do this'],
    [new RevisionMismatch('the agreement is at revision 3, not 2: reload it and decide again'), 412, 'Precondition Failed', 'the agreement is at revision 3, not 2: reload it and decide again'],
    [new ConcurrentModification('the agreement kept changing (8 tries); send it again'), 409, 'Conflict', 'the agreement kept changing (8 tries); send it again'],
    [new AgreementIdTaken('kymenlaakso-2023'), 409, 'Conflict', 'the agreement id kymenlaakso-2023 is taken; choose another'],
  ])('gives the application error %p its status: %i', (error, status, title, detail) => {
    const sent = problemFor(error);
    expect(sent.status).toBe(status);
    expect(sent.contentType).toMatch(/^application\/problem\+json/);
    expect(sent.body).toEqual({ type: 'about:blank', title, status, detail, instance: 'req-1' });
  });

  it("keeps the decider's refusals as they were: their code is the problem type", () => {
    expect(problemFor(new AgreementRuleViolation('unknown-party', 'no such party', 'partyId')).body).toEqual({
      type: 'urn:agreement-ledger:problem:unknown-party',
      title: "The ledger's rules refuse this command",
      status: 422,
      detail: 'no such party',
      code: 'unknown-party',
      errors: [{ field: 'partyId', message: 'no such party' }],
      instance: 'req-1',
    });
    expect(problemFor(new AgreementNotFound('x')).body).toMatchObject({ type: 'urn:agreement-ledger:problem:agreement-not-found', status: 404 });
  });
});

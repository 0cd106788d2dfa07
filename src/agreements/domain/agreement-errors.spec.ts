import {
  AgreementAlreadyExists,
  AgreementNotFound,
  AgreementRuleViolation,
  isAgreementDomainError,
} from './agreement-errors.js';

describe('agreement errors', () => {
  it('tell the HTTP layer which status applies by their kind', () => {
    expect(new AgreementNotFound('kymenlaakso-2023')).toMatchObject({ kind: 'not-found', code: 'agreement-not-found' });
    expect(new AgreementAlreadyExists('kymenlaakso-2023')).toMatchObject({ kind: 'conflict', code: 'agreement-already-exists', field: 'agreementId' });
    expect(new AgreementRuleViolation('date-in-future', 'decidedOn 2030-01-01 is in the future', 'decidedOn')).toMatchObject({
      kind: 'rule',
      code: 'date-in-future',
      field: 'decidedOn',
      message: 'decidedOn 2030-01-01 is in the future',
    });
  });

  it('are recognisable as domain errors, unlike other failures', () => {
    expect(isAgreementDomainError(new AgreementNotFound('x'))).toBe(true);
    expect(isAgreementDomainError(new AgreementRuleViolation('unknown-party', 'no such party'))).toBe(true);
    expect(isAgreementDomainError(new Error('disk full'))).toBe(false);
    expect(new AgreementNotFound('x')).toBeInstanceOf(Error);
  });
});

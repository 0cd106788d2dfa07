/**
 * Why `decide` refused a command. The HTTP layer maps `kind` to a status (not-found → 404,
 * conflict → 409, rule → 422) and `code` to the problem type; `field` names the request field at
 * fault (e.g. 'partyId', 'changes[2].annexId') so a form can point at it. Messages are written
 * for the municipal clerk who sent the command.
 */

export type AgreementErrorKind = 'not-found' | 'conflict' | 'rule';

/** Every rule refusal `decide` can make; stable, kebab-case, safe to document and match on. */
export const AGREEMENT_RULE_CODES = [
  'agreement-terminated',
  'termination-standing',
  'no-termination-standing',
  'invalid-party-id',
  'unknown-party',
  'unknown-version',
  'invalid-date',
  'date-in-future',
  'text-required',
  'too-few-parties',
  'duplicate-party',
  'duplicate-annex',
  'unknown-annex',
  'legal-basis-required',
  'annex-publicity-conflict',
  'amendment-not-based-on-latest',
  'amendment-without-changes',
  'decision-not-found',
  'decision-already-annulled',
  'annulment-before-decision',
  'annulment-already-reversed',
  'reversal-before-annulment',
  'unknown-body',
  'minutes-before-meeting',
  'appeal-before-decision',
  'appeal-already-resolved',
  'resolution-before-appeal',
  'resolution-annulment-mismatch',
  'body-listed-twice',
  'signature-conflict',
  'term-ends-before-start',
  'hub-removed',
  'part-of-itself',
  'part-of-unknown-agreement',
  'party-or-joint-body',
  'duplicate-joint-body',
  'member-of-joint-body',
  'duplicate-obligation',
  'unknown-obligation',
  'due-by-without-once',
  'party-not-concerned',
  'incomplete-fulfilment',
] as const;

export type AgreementRuleCode = (typeof AGREEMENT_RULE_CODES)[number];
export type AgreementErrorCode = 'agreement-not-found' | 'annulment-not-found' | 'appeal-not-found' | 'obligation-not-found' | 'agreement-already-exists' | AgreementRuleCode;

export abstract class AgreementDomainError extends Error {
  abstract readonly kind: AgreementErrorKind;
  abstract readonly code: AgreementErrorCode;

  constructor(
    message: string,
    /** The request field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The command names an agreement the ledger does not have (→ 404). */
export class AgreementNotFound extends AgreementDomainError {
  override readonly name = 'AgreementNotFound';
  readonly kind = 'not-found';
  readonly code = 'agreement-not-found';

  constructor(readonly agreementId: string) {
    super(`There is no agreement "${agreementId}" in the ledger.`);
  }
}

/** The command names (in its URL) an annulment the agreement does not have (→ 404). */
export class AnnulmentNotFound extends AgreementDomainError {
  override readonly name = 'AnnulmentNotFound';
  readonly kind = 'not-found';
  readonly code = 'annulment-not-found';

  constructor(readonly annulmentId: string) {
    super(`The agreement has no annulment "${annulmentId}"; an annulment is named by the eventId of its DecisionAnnulled.`);
  }
}

/** The command names (in its URL) an appeal the agreement does not have (→ 404). */
export class AppealNotFound extends AgreementDomainError {
  override readonly name = 'AppealNotFound';
  readonly kind = 'not-found';
  readonly code = 'appeal-not-found';

  constructor(readonly appealId: string) {
    super(`The agreement has no appeal "${appealId}"; an appeal is named by the eventId of its AppealLodged.`);
  }
}

/** The command names (in its URL) an obligation no version of the agreement lists (→ 404). */
export class ObligationNotFound extends AgreementDomainError {
  override readonly name = 'ObligationNotFound';
  readonly kind = 'not-found';
  readonly code = 'obligation-not-found';

  constructor(readonly obligationId: string) {
    super(`No version of the agreement lists an obligation "${obligationId}".`);
  }
}

/** A draft reuses the id of an agreement already in the ledger (→ 409). */
export class AgreementAlreadyExists extends AgreementDomainError {
  override readonly name = 'AgreementAlreadyExists';
  readonly kind = 'conflict';
  readonly code = 'agreement-already-exists';

  constructor(readonly agreementId: string) {
    super(`An agreement "${agreementId}" already exists; choose another id or amend the existing agreement.`, 'agreementId');
  }
}

/** A domain rule refused the command; nothing is recorded (→ 422). */
export class AgreementRuleViolation extends AgreementDomainError {
  override readonly name = 'AgreementRuleViolation';
  readonly kind = 'rule';

  constructor(
    readonly code: AgreementRuleCode,
    message: string,
    field?: string,
    /** More for the problem document, e.g. `knownBodies` with an unknown body. */
    readonly extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(message, field);
  }
}

export function isAgreementDomainError(error: unknown): error is AgreementDomainError {
  return error instanceof AgreementDomainError;
}

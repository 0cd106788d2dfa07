/**
 * Why the application refused a command before or after the decider had its say: access, the
 * caller's If-Match, a race lost to another process. The decider's own refusals are
 * AgreementDomainErrors. Neither knows HTTP: the edge maps `kind` to a status, in one place.
 */

export type ApplicationErrorKind = 'not-visible' | 'forbidden' | 'revision-mismatch' | 'concurrent-modification' | 'id-taken';

export abstract class ApplicationError extends Error {
  abstract readonly kind: ApplicationErrorKind;
}

/** No such agreement, or one the caller may not see: the two are answered alike (existence is not leaked). */
export class AgreementNotVisible extends ApplicationError {
  override readonly name = 'AgreementNotVisible';
  readonly kind = 'not-visible';

  constructor(readonly agreementId: string) {
    super(`there is no agreement ${agreementId}`);
  }
}

/** The caller sees the agreement but may not do this to it. */
export class ActionForbidden extends ApplicationError {
  override readonly name = 'ActionForbidden';
  readonly kind = 'forbidden';
}

/** The caller's If-Match names a revision the agreement is no longer (or not yet) at. */
export class RevisionMismatch extends ApplicationError {
  override readonly name = 'RevisionMismatch';
  readonly kind = 'revision-mismatch';
}

/** Another process kept changing the agreement while this command was decided again and again. */
export class ConcurrentModification extends ApplicationError {
  override readonly name = 'ConcurrentModification';
  readonly kind = 'concurrent-modification';
}

/** A draft names the id of an agreement the caller may not see: the id is taken, and nothing more is said. */
export class AgreementIdTaken extends ApplicationError {
  override readonly name = 'AgreementIdTaken';
  readonly kind = 'id-taken';

  constructor(readonly agreementId: string) {
    super(`the agreement id ${agreementId} is taken; choose another`);
  }
}

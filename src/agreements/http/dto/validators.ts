import { Transform } from 'class-transformer';
import { Matches, registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../../core/helsinki-date.js';
import { normalisePartyId } from '../../../core/party-id.js';

/** A Finnish business id with a valid check digit; an en dash is accepted and stored as `-`. */
export function IsPartyId(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    Transform(({ value }) => (typeof value === 'string' ? (normalisePartyId(value.trim()) ?? value) : value))(target, property);
    registerDecorator({
      name: 'isPartyId',
      target: target.constructor,
      propertyName: property as string,
      options: { message: ({ property: p }) => `${p} must be a business id (Y-tunnus) NNNNNNN-C with a valid check digit`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && normalisePartyId(value) === value },
    });
  };
}

/** A real calendar date `YYYY-MM-DD` (2023-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: property as string,
      options: { message: ({ property: p }) => `${p} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

export const IsSha256 = (): PropertyDecorator =>
  Matches(/^[0-9a-f]{64}$/, { message: ({ property }) => `${property} must be a SHA-256 digest: 64 lowercase hex characters` });

export const AGREEMENT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;
export const IsAgreementId = (): PropertyDecorator =>
  Matches(AGREEMENT_ID_PATTERN, {
    message: ({ property }) => `${property} must be 3–64 characters: lowercase letters, digits and dashes, not starting with a dash`,
  });

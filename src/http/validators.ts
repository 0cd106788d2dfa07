import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  Matches,
  registerDecorator,
  ValidateBy,
  ValidateNested,
  type ValidationArguments,
  type ValidationOptions,
  ValidateIf,
  IsUrl,
} from 'class-validator';
import { isIsoDate } from '../core/helsinki-date.js';
import { normalisePartyId } from '../core/party-id.js';
import { AGREEMENT_ID_PATTERN as AGREEMENT_ID_SCHEMA_PATTERN, EVENT_ID_PATTERN as EVENT_ID_SCHEMA_PATTERN } from '../core/agreement-events.js';
import { normaliseName } from '../core/text-formats.js';

/** A Finnish business id with a valid check digit; an en dash is accepted and stored as `-`. */
export function IsPartyId(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    const normalised = (value: unknown) => (typeof value === 'string' ? (normalisePartyId(value.trim()) ?? value) : value);
    // A list of ids ({ each: true }) is normalised item by item.
    Transform(({ value }) => (Array.isArray(value) ? value.map(normalised) : normalised(value)))(target, property);
    registerDecorator({
      name: 'isPartyId',
      target: target.constructor,
      propertyName: property as string,
      options: { message: ({ property: p }) => `${p} must be a business id (Y-tunnus) NNNNNNN-C with a valid check digit`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && normalisePartyId(value) === value },
    });
  };
}

/** A list of business ids, each checked and normalised as IsPartyId does (1–1000). */
export function IsPartyIdList(): PropertyDecorator {
  return (target, property) => {
    Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? (normalisePartyId(item.trim()) ?? item) : item)) : value))(target, property);
    applyDecorators(IsArray(), ArrayMinSize(1), ArrayMaxSize(1000))(target, property);
    registerDecorator({
      name: 'isPartyIdList',
      target: target.constructor,
      propertyName: property as string,
      options: { message: ({ property: p }) => `each item of ${p} must be a business id (Y-tunnus) NNNNNNN-C with a valid check digit` },
      validator: { validate: (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string' && normalisePartyId(item) === item) },
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

/**
 * A date that may be cleared: a calendar date, or `null` to clear it (a term's end made open).
 * Pair it with OptionalField, so that leaving the field out keeps what was there.
 */
export function IsClearableDate(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isClearableDate',
      target: target.constructor,
      propertyName: property as string,
      options: { message: ({ property: p }) => `${p} must be a calendar date YYYY-MM-DD, or null to clear it`, ...options },
      validator: { validate: (value: unknown) => value === null || isIsoDate(value) },
    });
}

export const IsSha256 = (): PropertyDecorator =>
  Matches(/^[0-9a-f]{64}$/, { message: ({ property }) => `${property} must be a SHA-256 digest: 64 lowercase hex characters` });

/** The event contract's pattern: an id the edge accepts is one the log accepts. */
export const AGREEMENT_ID_PATTERN = new RegExp(AGREEMENT_ID_SCHEMA_PATTERN);
export const IsAgreementId = (): PropertyDecorator =>
  applyDecorators(
    NormalisedName(),
    Matches(AGREEMENT_ID_PATTERN, {
      message: ({ property }) => `${property} must be 3–64 characters: lowercase letters, digits and dashes, not starting with a dash`,
    }),
  );

/** An event's id as the log's references hold it, e.g. a decisionId (a UUID as the server makes them). */
export const EVENT_ID_PATTERN = new RegExp(EVENT_ID_SCHEMA_PATTERN);
export const IsEventId = (): PropertyDecorator =>
  Matches(EVENT_ID_PATTERN, {
    message: ({ property }) => `${property} must be the eventId of an event of the agreement, e.g. 0190d6a2-0000-7000-8000-000000000001`,
  });

/**
 * An identifying name (region, party, body, signatory) or id: normalised at the edge, before
 * anything stores or compares it, so "Kymenlaakso " is Kymenlaakso.
 */
export const NormalisedName = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? normaliseName(value) : value));

/** Text on one line (a title, a section, a diary number): tab and newline belong to free text only. */
export function IsSingleLine(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isSingleLine',
      target: target.constructor,
      propertyName: property as string,
      options: { message: ({ property: p }) => `${p} must be one line: no tab or newline`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !/[\t\n]/.test(value) },
    });
}

type DtoClass = new () => object;

function isNonEmptyPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
}

const NON_EMPTY_OBJECT = ({ property }: ValidationArguments) => `${property} must be a non-empty JSON object`;
const NON_EMPTY_ITEMS = ({ property }: ValidationArguments) => `each item of ${property} must be a non-empty JSON object`;

/** The plain value as an instance of `type` when it is a non-empty object; anything else as null, refused. */
function asInstance(type: DtoClass, value: unknown): object | null {
  return isNonEmptyPlainObject(value) ? plainToInstance(type, value) : null;
}

/**
 * A nested object the request must carry: present, an object (not null, not an array), not empty,
 * and valid as `type`. Without this, class-validator passes a missing nested object and an array
 * in its place. The check reads the plain body: an instance always has its declared fields.
 */
export function NestedObject(type: () => DtoClass): PropertyDecorator {
  return applyDecorators(
    ValidateBy({ name: 'isNonEmptyObject', validator: { validate: (value) => value !== null && typeof value === 'object', defaultMessage: NON_EMPTY_OBJECT } }),
    ValidateNested({ message: NON_EMPTY_OBJECT }),
    // Made an instance here, from the plain body; the Type below names the class for OpenAPI.
    Transform(({ obj, key }) => asInstance(type(), (obj as Record<string, unknown>)[key])),
    Type(type),
  );
}

/**
 * An array of nested objects: each item a non-empty object valid as the class `typeOf` picks for
 * it; any other item (null, a string, an array, `{}`) is refused under its index, `parties[0]`.
 */
export function NestedArray(typeOf: (item: Record<string, unknown>) => DtoClass, size: { min?: number; max: number }, schemaType?: () => DtoClass): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ...(size.min !== undefined ? [ArrayMinSize(size.min)] : []),
    ArrayMaxSize(size.max),
    ValidateNested({ each: true, message: NON_EMPTY_ITEMS }),
    // Items are made instances here, from the plain body; the Type below names the class for OpenAPI.
    Transform(({ obj, key }) => {
      const items: unknown = (obj as Record<string, unknown>)[key];
      return Array.isArray(items) ? items.map((item) => (isNonEmptyPlainObject(item) ? plainToInstance(typeOf(item), item) : null)) : items;
    }),
    Type(schemaType ?? (() => typeOf({}))),
  );
}

/**
 * An optional field of a request body: it may be left out, never sent as `null` (class-validator's
 * IsOptional lets null through, and a stored event has no nulls where its schema has none).
 */
export const OptionalField = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** A field a revision may leave out (it stays) or send as `null` (it is cleared); otherwise validated. */
export const ClearableField = (): PropertyDecorator =>
  applyDecorators(
    ValidateIf((_object, value) => value !== undefined && value !== null),
    // Validates nothing: it tells the OpenAPI description (request-schemas.ts) that null is accepted.
    ValidateBy({ name: 'isClearable', validator: { validate: () => true } }),
  ) as PropertyDecorator;

/**
 * An http(s) URL that a reader of the log can open: class-validator's isURL and the URL parser
 * every runtime uses (WHATWG) disagree at the edges (a host in an unassigned script), and the log
 * keeps only what both accept.
 */
export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }),
    (target: object, property: string | symbol) =>
      registerDecorator({
        name: 'isHttpUrl',
        target: target.constructor,
        propertyName: property as string,
        options: { message: ({ property: p }) => `${p} must be an http(s) URL`, ...options },
        validator: { validate: (value: unknown) => typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) },
      }),
  ) as PropertyDecorator;
}

/**
 * Must the server refuse this body? Its request schema, read strictly, and API.md's conventions
 * say so: a field the schema does not name, a control character or a lone surrogate in a string,
 * JSON nested deeper than 32. The oracle is lenient where the server knows more than the schema
 * (check digits, a confidential annex's legal basis, what makes a URL): those bodies may go
 * either way, so they are not counted as "must refuse".
 */
import { forbiddenControl } from '../../src/core/text-formats.js';
import { DeepNesting, isPlainObject, pathText, type JsonPath } from './json-body.js';
import { alternativeFor, resolved, type OpenApiDocument, type Schema } from './openapi-document.js';

/** API.md: "JSON nested deeper than 32". Counted loosely (the root as level 0 or 1), so 34 is over either way. */
const MAX_NESTING = 33;

/** Why the body breaks its schema or API.md's conventions, or undefined when it may be accepted. */
export function violation(doc: OpenApiDocument, schema: Schema, value: unknown, path: JsonPath = [], depth = 0): string | undefined {
  const at = pathText(path);
  if (value instanceof DeepNesting) return depth + value.depth > MAX_NESTING ? `${at}: nested too deep` : `${at}: not the type the schema asks for`;
  if (typeof value === 'object' && value !== null && depth + 1 > MAX_NESTING) return `${at}: nested too deep`;
  const own = resolved(doc, schema);
  if (own.oneOf) {
    const alternative = alternativeFor(doc, own, value);
    return alternative ? violation(doc, alternative, value, path, depth) : `${at}: matches none of the alternatives`;
  }
  if (value === null) return own.nullable === true ? undefined : `${at}: null`;
  const typeError = wrongType(own.type, value);
  if (typeError) return `${at}: ${typeError}`;
  if (own.enum && !(own.enum as unknown[]).includes(value)) return `${at}: not one of the enum`;
  if (typeof value === 'string') return stringViolation(own, value, at);
  if (typeof value === 'number') return numberViolation(own, value, at);
  if (Array.isArray(value)) {
    if (typeof own.minItems === 'number' && value.length < own.minItems) return `${at}: fewer than ${own.minItems} items`;
    if (typeof own.maxItems === 'number' && value.length > own.maxItems) return `${at}: more than ${own.maxItems} items`;
    for (const [i, item] of value.entries()) {
      const found = violation(doc, (own.items as Schema | undefined) ?? {}, item, [...path, i], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    const properties = (own.properties as Record<string, Schema> | undefined) ?? {};
    for (const key of (own.required as string[] | undefined) ?? []) if (!Object.hasOwn(value, key)) return `${pathText([...path, key])}: missing`;
    for (const [key, item] of Object.entries(value)) {
      if (!Object.hasOwn(properties, key)) return `${pathText([...path, key])}: a field the schema does not name`;
      const found = violation(doc, properties[key]!, item, [...path, key], depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function wrongType(type: unknown, value: unknown): string | undefined {
  if (type === undefined) return undefined;
  const actual = Array.isArray(value) ? 'array' : typeof value;
  const fits =
    type === 'integer' ? Number.isInteger(value) : type === 'number' ? typeof value === 'number' : type === 'object' ? isPlainObject(value) : actual === type;
  return fits ? undefined : `${actual} where the schema asks for ${String(type)}`;
}

function stringViolation(schema: Schema, value: string, at: string): string | undefined {
  // The log's own rule (API.md: tab and newline are the only control characters free text may hold).
  if (forbiddenControl(value) !== undefined) return `${at}: a control character`;
  if (!value.isWellFormed()) return `${at}: a lone surrogate`;
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) return `${at}: shorter than ${schema.minLength}`;
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) return `${at}: longer than ${schema.maxLength}`;
  // The server trims business ids before checking them: a value that matches once trimmed may go either way.
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : undefined;
  if (pattern && !pattern.test(value) && !pattern.test(value.trim())) return `${at}: does not match ${schema.pattern}`;
  if (schema.format === 'date' && !isCalendarDate(value)) return `${at}: not a calendar date`;
  if (schema.format === 'url' && !isHttpUrl(value)) return `${at}: not an http(s) URL`;
  return undefined;
}

function numberViolation(schema: Schema, value: number, at: string): string | undefined {
  if (typeof schema.minimum === 'number' && value < schema.minimum) return `${at}: under ${schema.minimum}`;
  if (typeof schema.maximum === 'number' && value > schema.maximum) return `${at}: over ${schema.maximum}`;
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) return `${at}: not over ${schema.exclusiveMinimum}`;
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) return `${at}: not under ${schema.exclusiveMaximum}`;
  return undefined;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  return ['http:', 'https:'].includes(new URL(value).protocol);
}

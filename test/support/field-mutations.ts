/**
 * Every property path of a request schema (nested objects, array items and each alternative of
 * a oneOf included), broken one at a time: missing, null, each wrong JSON type, out of range,
 * empty, dirty or nested too deep. Only what the schema (and API.md) forbids is kept: each
 * mutation is a request the server must refuse.
 */
import { AWKWARD_KEYS, bodyText, DeepNesting, isPlainObject, MISSING, pathText, replacing, valueAt, type JsonPath, type Mutation } from './json-body.js';
import { alternativeFor, resolved, type OpenApiDocument, type Schema } from './openapi-document.js';
import { violation } from './schema-oracle.js';

/** Deeper than API.md's 32 wherever it is put; the huge ones still fit the default 256 KiB body limit. */
const TOO_DEEP = 40;
const HUGE_ARRAY_DEPTH = 100_000;
const HUGE_OBJECT_DEPTH = 40_000;

export function fieldMutations(doc: OpenApiDocument, schema: Schema, valid: unknown): Mutation[] {
  const candidates: Mutation[] = [];
  visit(doc, schema, valid, [], true, candidates);
  const seen = new Set<string>();
  return candidates.filter((mutation) => {
    const body = mutation.apply(valid);
    const key = body === MISSING ? '' : (bodyText(body) ?? '');
    if (seen.has(key)) return false;
    seen.add(key);
    // A candidate the schema allows (7 where any integer goes) is no refusal case.
    return violation(doc, schema, body) !== undefined;
  });
}

function visit(doc: OpenApiDocument, schema: Schema, valid: unknown, path: JsonPath, required: boolean, out: Mutation[]): void {
  const value = valueAt(valid, path);
  const own = resolved(doc, schema);
  const shape = alternativeFor(doc, own, value);
  if (!shape) throw new Error(`the valid body's ${pathText(path)} claims none of the schema's alternatives`);
  out.push(...breakings(shape, path, value, required));
  if (isPlainObject(value)) {
    const requiredKeys = new Set((shape.required as string[] | undefined) ?? []);
    for (const [key, child] of Object.entries((shape.properties as Record<string, Schema> | undefined) ?? {})) {
      visit(doc, child, valid, [...path, key], requiredKeys.has(key), out);
    }
    out.push(replacing([...path, 'unknownField'], 'an unknown field', 'x'));
  }
  if (path.length === 0) {
    for (const key of AWKWARD_KEYS) out.push(replacing([key], `an unknown field ${JSON.stringify(key)}`, {}));
    // Nesting far past the limit, yet within the body limit: a recursive reader runs out of stack.
    for (const nesting of [new DeepNesting(HUGE_ARRAY_DEPTH, 'array'), new DeepNesting(HUGE_OBJECT_DEPTH, 'object')]) {
      out.push(replacing(['deep'], `an unknown field of ${nesting}`, nesting));
    }
    out.push(replacing([], `the body is ${new DeepNesting(HUGE_ARRAY_DEPTH, 'array')}`, new DeepNesting(HUGE_ARRAY_DEPTH, 'array')));
  }
  if (Array.isArray(value) && shape.items) {
    const items = shape.items as Schema;
    // Items of one shape: the first stands for all; alternatives: each item is walked as its own.
    const walked = resolved(doc, items).oneOf ? value.keys() : [0];
    for (const i of walked) if (i < value.length) visit(doc, items, valid, [...path, i], false, out);
  }
}

/** Ways to break the value at `path`; some may turn out harmless, and the caller drops those. */
function breakings(schema: Schema, path: JsonPath, value: unknown, required: boolean): Mutation[] {
  const at = (what: string, replacement: unknown) => replacing(path, what, replacement);
  const out: Mutation[] = [];
  if (required) out.push(at('missing', MISSING));
  // One value of each JSON type; the one of the schema's own type is the empty one, or a wrong number.
  const integer = schema.type === 'integer';
  out.push(
    at('null', null),
    at('wrong type: boolean true', true),
    at(integer ? 'wrong type: number 1.5' : 'wrong type: number 7', integer ? 1.5 : 7),
    at(`wrong type: string ${JSON.stringify(numeric(value))}`, numeric(value)),
    schema.type === 'array' ? at('empty: []', []) : at('wrong type: the valid value inside an array', [value]),
    schema.type === 'object' ? at('empty: {}', {}) : at('wrong type: object {}', {}),
    at(`too deep: ${new DeepNesting(TOO_DEEP, 'array')}`, new DeepNesting(TOO_DEEP, 'array')),
  );
  if (schema.type === 'string') out.push(at('empty: ""', ''));
  if (Array.isArray(value) && value.length > 0) out.push(at('wrong type: its first item instead of the array', value[0]));
  out.push(...outOfRange(schema, value).map(([what, replacement]) => at(what, replacement)));
  return out;
}

/** "7" for a number (a client that quotes numbers), else a word. */
function numeric(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : 'text';
}

function outOfRange(schema: Schema, value: unknown): Array<[string, unknown]> {
  const text = typeof value === 'string' ? value : 'x';
  const out: Array<[string, unknown]> = [];
  if (schema.type === 'string') {
    if (typeof schema.maxLength === 'number') out.push([`over maxLength ${schema.maxLength}`, 'x'.repeat(schema.maxLength + 1)]);
    if (typeof schema.minLength === 'number' && schema.minLength > 1) out.push([`under minLength ${schema.minLength}`, 'x'.repeat(schema.minLength - 1)]);
    if (typeof schema.pattern === 'string') out.push([`not matching ${schema.pattern}`, `!${text}`], [`not matching ${schema.pattern}`, text.toUpperCase()]);
    if (schema.format === 'date') for (const date of ['2023-02-30', '2023-13-01', '13.11.2023', '2023-11-13T10:00:00Z', '20231113']) out.push(['not a calendar date', date]);
    if (schema.format === 'url') for (const url of ['not a url', 'ftp://example.org/poytakirja.pdf', 'javascript:alert(1)']) out.push(['not an http(s) URL', url]);
    if (Array.isArray(schema.enum)) out.push(['not in the enum', 'not-an-option'], ['not in the enum', text.toUpperCase()]);
    // Other control characters and surrogates are the random mutations' business.
    out.push(['a control character', `${text.slice(0, 1)}\u0000${text.slice(1)}`], ['a lone surrogate', `${text}\uD800`]);
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (typeof schema.minimum === 'number') out.push([`under minimum ${schema.minimum}`, schema.minimum - 1]);
    if (typeof schema.maximum === 'number') out.push([`over maximum ${schema.maximum}`, schema.maximum + 1]);
  }
  if (schema.type === 'array' && Array.isArray(value)) {
    const filled = (length: number) => Array.from({ length }, (_, i) => value[i % Math.max(value.length, 1)] ?? {});
    if (typeof schema.minItems === 'number' && schema.minItems > 0) out.push([`under minItems ${schema.minItems}`, filled(schema.minItems - 1)]);
    if (typeof schema.maxItems === 'number') out.push([`over maxItems ${schema.maxItems}`, filled(schema.maxItems + 1)]);
    out.push(['an array of nulls', [null, null]]);
  }
  // Short strings are named in the label: "decidedOn: not a calendar date "2023-02-30"".
  return out.map(([what, replacement]) => [typeof replacement === 'string' && replacement.length <= 40 ? `${what} ${JSON.stringify(replacement)}` : what, replacement]);
}

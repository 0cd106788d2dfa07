/**
 * Request bodies as JSON values that can be taken apart: paths into them, a copy with one value
 * replaced or removed, and nesting too deep for JSON.stringify, written out as text instead.
 */
export type JsonPath = ReadonlyArray<string | number>;

/** A value removed from its place (the whole body: no body at all). */
export const MISSING: unique symbol = Symbol('missing');

/** Arrays or objects nested `depth` deep, sent as text (JSON.stringify would overflow the stack). */
export class DeepNesting {
  constructor(
    readonly depth: number,
    readonly container: 'array' | 'object',
  ) {}

  text(): string {
    return this.container === 'array' ? '['.repeat(this.depth) + ']'.repeat(this.depth) : '{"a":'.repeat(this.depth) + '0' + '}'.repeat(this.depth);
  }

  toString(): string {
    return `${this.container}s nested ${this.depth} deep`;
  }
}

/** Field names that trip up object handling in JavaScript. */
export const AWKWARD_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', ''];

export function pathText(path: JsonPath): string {
  if (path.length === 0) return '(the body)';
  const step = (key: string | number, i: number) =>
    typeof key === 'number' ? `[${key}]` : !/^[A-Za-z_$][\w$]*$/.test(key) ? `[${JSON.stringify(key)}]` : i === 0 ? key : `.${key}`;
  return path.map(step).join('');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof DeepNesting);
}

export function valueAt(body: unknown, path: JsonPath): unknown {
  let value = body;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/** Every path in a JSON value, the value itself (`[]`) first. */
export function pathsIn(value: unknown, at: JsonPath = []): JsonPath[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, i) => pathsIn(item, [...at, i]))
    : isPlainObject(value)
      ? Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...at, key]))
      : [];
  return [at, ...children];
}

/**
 * A copy of `body` with `replacement` at `path` (MISSING removes it). Keys are defined, not
 * assigned, so `__proto__` or `constructor` become plain fields as they would in parsed JSON.
 */
export function withValueAt(body: unknown, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: unknown = JSON.parse(JSON.stringify(body));
  const parent = valueAt(copy, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (typeof parent !== 'object' || parent === null) throw new Error(`no container at ${pathText(path.slice(0, -1))}`);
  if (replacement === MISSING) {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete (parent as Record<string, unknown>)[key];
  } else {
    Object.defineProperty(parent, key, { value: replacement, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** The JSON text of a body; undefined for MISSING (no body). */
export function bodyText(body: unknown): string | undefined {
  if (body === MISSING) return undefined;
  const deep: DeepNesting[] = [];
  const marker = (i: number) => `\u{E000}deep-${i}\u{E000}`;
  const text = JSON.stringify(body, (_key, value: unknown) => (value instanceof DeepNesting ? marker(deep.push(value) - 1) : value));
  return deep.reduce((out, nesting, i) => out.replace(JSON.stringify(marker(i)), nesting.text()), text);
}

/** One way of breaking a valid body, applied to whichever valid body the target holds at the time. */
export interface Mutation {
  readonly label: string;
  apply(valid: unknown): unknown;
}

/** The value at `path` replaced (MISSING: removed); `value` may be computed from the valid one there. */
export function replacing(path: JsonPath, what: string, value: unknown | ((valid: unknown) => unknown)): Mutation {
  return {
    label: `${pathText(path)}: ${what}`,
    apply: (valid) => withValueAt(valid, path, typeof value === 'function' ? (value as (v: unknown) => unknown)(valueAt(valid, path)) : value),
  };
}

/** A short, escaped excerpt of a JSON text for labels and reports. */
export function excerpt(text: string | undefined, max = 300): string {
  if (text === undefined) return '(none)';
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

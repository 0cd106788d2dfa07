import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON, byte for byte what the canonicalize library writes (the hash chain
 * depends on it). Plain JSON values, which is all the log holds, take a direct path: keys sorted
 * by UTF-16 code units, every string and number as JSON.stringify writes it (which is what RFC
 * 8785 asks for), well-formedness checked natively. Anything else (a lone surrogate, a number
 * JSON cannot hold, undefined or a function, toJSON, a cycle) goes to the library, which then
 * decides exactly as before, refusals included.
 */
export function canonicalJson(value: unknown): string {
  const canonical = plainCanonical(value, 0) ?? canonicalize(value);
  if (canonical === undefined) throw new Error('value is not serialisable as JSON');
  return canonical;
}

/** Deeper than any event the contract accepts (32 levels at the HTTP edge): leave cycles to the library. */
const MAX_DEPTH = 64;

/** The canonical form of a plain JSON value, or undefined when the value is anything else. */
function plainCanonical(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return value.isWellFormed() ? JSON.stringify(value) : undefined;
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) return undefined;
      if (Array.isArray(value)) return plainArray(value, depth);
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      return plainObject(value as Record<string, unknown>, depth);
    }
    default:
      return undefined;
  }
}

function plainArray(array: readonly unknown[], depth: number): string | undefined {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    const item = plainCanonical(array[i], depth + 1);
    if (item === undefined) return undefined;
    out += i === 0 ? item : `,${item}`;
  }
  return `${out}]`;
}

function plainObject(object: Record<string, unknown>, depth: number): string | undefined {
  if ('toJSON' in object) return undefined;
  // Array.prototype.sort compares strings by UTF-16 code units, as RFC 8785 orders keys.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!key.isWellFormed()) return undefined;
    const item = plainCanonical(object[key], depth + 1);
    if (item === undefined) return undefined;
    out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${item}`;
  }
  return `${out}}`;
}

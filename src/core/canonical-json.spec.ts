import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

/** What the library answers: its string, or the refusal (canonicalJson refuses undefined too). */
function library(value: unknown): string {
  try {
    const canonical = canonicalize(value);
    return canonical === undefined ? 'refused' : canonical;
  } catch {
    return 'refused';
  }
}

function ours(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch {
    return 'refused';
  }
}

describe('canonical JSON (RFC 8785), as the hash chain writes it', () => {
  it('writes every JSON value byte for byte as the canonicalize library does', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(ours(value)).toBe(library(value))), { numRuns: 3000 });
  });

  it('agrees with the library on keys and strings of every kind, lone surrogates included', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udc00', '\u2028', '"', '\\', '\u0000', '\u007f'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 6 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('node')), fc.dictionary(text, tie('node'))),
    })).node;
    fc.assert(fc.property(value, (v) => expect(ours(v)).toBe(library(v))), { numRuns: 3000 });
  });

  it('leaves what is not plain JSON to the library, which decides as before', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const value of [undefined, { a: undefined, b: 1 }, [undefined, 1], { toJSON: () => ({ z: 1, a: 2 }) }, new Date(0), NaN, -0, 1e21, cyclic, () => 1]) {
      expect(ours(value)).toBe(library(value));
    }
  });
});

/**
 * Random structural mutations of a valid body for fast-check: a random JSON value (or nothing)
 * at a random path, an extra field, a string made dirty (control characters, lone surrogates,
 * any code point), a huge array or deep nesting that still fits the body limit. Whether the
 * result must be refused is the schema oracle's call, not the arbitrary's.
 */
import fc from 'fast-check';
import { AWKWARD_KEYS, bodyText, DeepNesting, excerpt, isPlainObject, MISSING, pathsIn, replacing, valueAt, type JsonPath, type Mutation } from './json-body.js';

export function structuralMutation(valid: unknown, bodyLimit: number): fc.Arbitrary<Mutation> {
  const paths = pathsIn(valid);
  const objectPaths = paths.filter((path) => isPlainObject(valueAt(valid, path)));
  const stringPaths = paths.filter((path) => typeof valueAt(valid, path) === 'string');
  // Bytes left under the body limit once the valid body is in: big mutations stay within it.
  const bytes = (value: unknown) => Buffer.byteLength(bodyText(value) ?? 'null');
  const room = bodyLimit - bytes(valid) - 256;
  const anyPath = fc.constantFrom(...paths);
  const newField = fc.tuple(fc.constantFrom(...objectPaths), fc.oneof(fc.string(), fc.constantFrom(...AWKWARD_KEYS))).map(([at, key]): JsonPath => [...at, key]);

  const substituted = fc
    .tuple(anyPath, fc.oneof({ weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constant(MISSING) }))
    .map(([path, value]) => replacing(path, value === MISSING ? 'missing' : `replaced by ${excerpt(JSON.stringify(value), 120)}`, value));

  const extraField = fc.tuple(newField, fc.jsonValue({ maxDepth: 2 })).map(([path, value]) => replacing(path, `an extra field = ${excerpt(JSON.stringify(value), 120)}`, value));

  const dirty = fc.oneof(
    fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.constantFrom(0x2028, 0x2029, 0xfeff, 0xfffe, 0x200b),
    fc.integer({ min: 0, max: 0x10ffff }),
  );
  const dirtyString = stringPaths.length === 0 ? [] : [
    fc
      .constantFrom(...stringPaths)
      .chain((path) => fc.tuple(fc.constant(path), fc.array(dirty, { minLength: 1, maxLength: 3 }), fc.nat({ max: String(valueAt(valid, path)).length })))
      .map(([path, codes, index]) => {
        const inserted = codes.map((c) => String.fromCodePoint(c)).join('');
        return replacing(path, `${JSON.stringify(inserted)} inserted at ${index}`, (valid: unknown) => {
          const text = String(valid);
          const at = Math.min(index, text.length);
          return text.slice(0, at) + inserted + text.slice(at);
        });
      }),
  ];

  const hugeArray = fc
    .tuple(anyPath, fc.boolean(), fc.jsonValue({ maxDepth: 1 }), fc.integer({ min: 2, max: 100_000 }))
    .map(([path, copies, item, wanted]) =>
      replacing(path, copies ? `an array of up to ${wanted} copies of the valid value` : `an array of up to ${wanted} × ${excerpt(JSON.stringify(item), 60)}`, (valid: unknown) => {
        const element = copies ? valid : item;
        const size = bytes(element) + 1;
        return Array.from({ length: Math.max(1, Math.min(wanted, Math.floor(room / size))) }, () => element);
      }),
    );

  const deep = fc
    .tuple(fc.oneof(anyPath, newField), fc.constantFrom<'array' | 'object'>('array', 'object'), fc.integer({ min: 34, max: 100_000 }))
    .map(([path, container, wanted]) => {
      const nesting = new DeepNesting(Math.min(wanted, Math.floor(room / (container === 'array' ? 2 : 6))), container);
      return replacing(path, String(nesting), nesting);
    });

  return fc.oneof(
    { weight: 4, arbitrary: substituted },
    { weight: 2, arbitrary: extraField },
    ...dirtyString.map((arbitrary) => ({ weight: 3, arbitrary })),
    { weight: 1, arbitrary: hugeArray },
    { weight: 1, arbitrary: deep },
  ).map((mutation) => Object.assign(mutation, { [fc.toStringMethod]: () => mutation.label }));
}

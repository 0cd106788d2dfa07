import fc from 'fast-check';
import { JsonBodyError, MAX_JSON_DEPTH, parseJsonBody, type JsonBodyProblem } from './strict-json.js';
import { forbiddenControl } from '../core/text-formats.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(body: string | Uint8Array): { problem: JsonBodyProblem; path?: string; message: string } {
  try {
    parseJsonBody(typeof body === 'string' ? bytes(body) : body);
  } catch (error) {
    if (!(error instanceof JsonBodyError)) throw error;
    return { problem: error.problem, message: error.message, ...(error.path !== undefined && { path: error.path }) };
  }
  throw new Error(`accepted: ${String(body)}`);
}

const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}}`;

describe('the strict JSON body parser', () => {
  it('reads what JSON.parse reads, for objects free of the refused characters', () => {
    const text = fc.string({ unit: 'grapheme' }).filter((s) => forbiddenControl(s) === undefined);
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', maxDepth: 6 }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), text, fc.array(tie('value')), tie('object')),
      object: fc.dictionary(text.filter((k) => k !== 'prototype' && !Object.getOwnPropertyNames(Object.prototype).includes(k)), tie('value')),
    }));
    fc.assert(
      fc.property(json.object, (value) => {
        const body = JSON.stringify(value, null, 1);
        expect(parseJsonBody(bytes(body))).toEqual(JSON.parse(body));
      }),
    );
  });

  it('keeps tab and newline, escaped or not, and pairs of escaped surrogates', () => {
    expect(parseJsonBody(bytes('{"summary":"a\\tb\\nc","emoji":"\\ud83d\\ude00 😀", "n": -1.5e3}'))).toEqual({ summary: 'a\tb\nc', emoji: '😀 😀', n: -1500 });
  });

  it.each([
    ['an empty body', '  ', 'empty-body', undefined],
    ['a top-level array', '[1]', 'not-an-object', undefined],
    ['a top-level string', '"x"', 'not-an-object', undefined],
    ['a trailing comma', '{"a":1,}', 'malformed-json', undefined],
    ['a single-quoted string', "{'a':1}", 'malformed-json', undefined],
    ['a leading zero', '{"a":01}', 'malformed-json', undefined],
    ['NaN', '{"a":NaN}', 'malformed-json', undefined],
    ['a number too large', '{"a":1e400}', 'malformed-json', undefined],
    ['content after the value', '{"a":1} {}', 'malformed-json', undefined],
    ['an unclosed string', '{"a":"b', 'malformed-json', undefined],
    ['a raw tab in a string', '{"a":"b\tc"}', 'malformed-json', undefined],
    ['an unknown escape', '{"a":"\\x41"}', 'malformed-json', undefined],
    ['a duplicate key', '{"document":{"title":"a","title":"b"}}', 'duplicate-key', 'document.title'],
    ['a __proto__ key', '{"party":{"__proto__":{"x":1}}}', 'forbidden-key', 'party.__proto__'],
    ['a constructor key', '{"constructor":{"prototype":{}}}', 'forbidden-key', 'constructor'],
    ['a key that shadows a member of Object.prototype', '{"signatory":{"name":"Liisa"},"valueOf":{}}', 'forbidden-key', 'valueOf'],
    ['an escaped lone high surrogate', '{"title":"\\ud800"}', 'lone-surrogate', 'title'],
    ['an escaped lone low surrogate', '{"changes":[{"title":"a\\udc00"}]}', 'lone-surrogate', 'changes[0].title'],
    ['two high surrogates', '{"t":"\\ud800\\ud83d\\ude00"}', 'lone-surrogate', 't'],
    ['NUL', '{"region":"\\u0000"}', 'control-character', 'region'],
    ['ESC', '{"meeting":{"section":"\\u001b[31m"}}', 'control-character', 'meeting.section'],
    ['CR', '{"reason":"a\\r\\nb"}', 'control-character', 'reason'],
    ['DEL', '{"a":"\u007f"}', 'control-character', 'a'],
    ['a C1 control', '{"a":"\u0085"}', 'control-character', 'a'],
    ['a control character in a key', '{"a\\u0007":1}', 'control-character', undefined],
    ['a key that is no identifier', '{"a b":"\\u0001"}', 'control-character', '["a b"]'],
  ] as const)('refuses %s', (_label, body, problem, path) => {
    const refused = refusal(body);
    expect(refused.problem).toBe(problem);
    expect(refused.path).toBe(path);
  });

  it('refuses bytes that are not UTF-8, and CESU-8 surrogates', () => {
    expect(refusal(Uint8Array.from([...bytes('{"a":"'), 0xff, ...bytes('"}')])).problem).toBe('not-utf-8');
    expect(refusal(Uint8Array.from([...bytes('{"a":"'), 0xed, 0xa0, 0x80, ...bytes('"}')])).problem).toBe('not-utf-8');
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses ${MAX_JSON_DEPTH + 1}`, () => {
    expect(() => parseJsonBody(bytes(nested(MAX_JSON_DEPTH)))).not.toThrow();
    expect(refusal(nested(MAX_JSON_DEPTH + 1))).toMatchObject({ problem: 'json-too-deep', path: `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}` });
  });

  it('refuses 100,000 open brackets without exhausting the stack', () => {
    expect(refusal(`{"a":${'['.repeat(100_000)}`).problem).toBe('json-too-deep');
    expect(refusal(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`).problem).toBe('json-too-deep');
    expect(refusal('{"a":'.repeat(100_000)).problem).toBe('json-too-deep');
  });

  it('never throws anything but a JsonBodyError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 60 }), (raw, text) => {
        for (const body of [raw, bytes(text), bytes(`{"a":${text}}`)]) {
          try {
            parseJsonBody(body);
          } catch (error) {
            expect(error).toBeInstanceOf(JsonBodyError);
          }
        }
      }),
    );
  });

  it('echoes no more than 64 characters of a key', () => {
    const key = 'k'.repeat(5000);
    expect(refusal(`{"${key}":1,"${key}":2}`).message.length).toBeLessThan(200);
  });
});

/**
 * The JSON the ledger accepts in a request body: RFC 8259 JSON in UTF-8, and on top of it no
 * duplicate keys, nesting at most 32 deep, no lone surrogates and no control characters in any
 * string (tab and newline excepted), no key that could reach a prototype. A body that breaks a rule
 * is refused before anything reads it, so a stored event never holds what canonical JSON (RFC 8785)
 * or a reader of the log would trip over.
 *
 * Written by hand: no maintained parser checks depth and duplicate keys together. It is a
 * recursive descent that checks the depth before it descends, so no body can exhaust the stack,
 * and it throws nothing but a `JsonBodyError`.
 */
import { forbiddenControl } from '../core/text-formats.js';

export const MAX_JSON_DEPTH = 32;

export type JsonBodyProblem =
  | 'empty-body'
  | 'not-utf-8'
  | 'malformed-json'
  | 'json-too-deep'
  | 'duplicate-key'
  | 'forbidden-key'
  | 'lone-surrogate'
  | 'control-character'
  | 'not-an-object';

/** Why a body was refused, and where: `path` in the notation of validation errors (`changes[0].party`). */
export class JsonBodyError extends Error {
  constructor(
    readonly problem: JsonBodyProblem,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'JsonBodyError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a request body; the top level must be an object, as every body of this API is. */
export function parseJsonBody(bytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new JsonBodyError('not-utf-8', 'the body is not valid UTF-8');
  }
  if (text.trim() === '') throw new JsonBodyError('empty-body', 'the body is empty; send a JSON object');
  const value = new Parser(text).document();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JsonBodyError('not-an-object', 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/**
 * Keys that, copied onto another object, would replace or reach its prototype, or shadow one of
 * Object.prototype's members (`valueOf`, `hasOwnProperty`, …): validation libraries look fields up
 * on plain objects and would take such a key for no field at all, letting it through unrefused.
 */
const FORBIDDEN_KEYS = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
const IDENTIFIER = /^[A-Za-z_$][\w$]{0,63}$/;

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): unknown {
    const value = this.value('', 0);
    this.skipWhitespace();
    if (this.at < this.text.length) this.fail('unexpected content after the JSON value');
    return value;
  }

  private value(path: string, depth: number): unknown {
    this.skipWhitespace();
    const char = this.text[this.at];
    switch (char) {
      case '{':
        return this.object(path, depth + 1);
      case '[':
        return this.array(path, depth + 1);
      case '"':
        return this.string(path);
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        return this.number();
    }
  }

  private object(path: string, depth: number): Record<string, unknown> {
    this.checkDepth(path, depth);
    this.at++;
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.skipWhitespace();
    if (this.text[this.at] === '}') {
      this.at++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.at] !== '"') this.fail('expected a key in double quotes');
      const key = this.string(path, true);
      const keyPath = childPath(path, key);
      if (seen.has(key)) throw new JsonBodyError('duplicate-key', `the key ${describeKey(key)} appears twice in ${where(path)}`, keyPath);
      if (FORBIDDEN_KEYS.has(key)) throw new JsonBodyError('forbidden-key', `the key "${key}" is not accepted in ${where(path)}`, keyPath);
      seen.add(key);
      this.skipWhitespace();
      if (this.text[this.at] !== ':') this.fail('expected ":" after a key');
      this.at++;
      result[key] = this.value(keyPath, depth);
      this.skipWhitespace();
      const next = this.text[this.at++];
      if (next === '}') return result;
      if (next !== ',') this.fail('expected "," or "}" in an object', -1);
    }
  }

  private array(path: string, depth: number): unknown[] {
    this.checkDepth(path, depth);
    this.at++;
    const result: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.at] === ']') {
      this.at++;
      return result;
    }
    for (;;) {
      result.push(this.value(`${path}[${result.length}]`, depth));
      this.skipWhitespace();
      const next = this.text[this.at++];
      if (next === ']') return result;
      if (next !== ',') this.fail('expected "," or "]" in an array', -1);
    }
  }

  private string(path: string, isKey = false): string {
    const start = ++this.at;
    let result = '';
    let chunk = start;
    for (;;) {
      const code = this.text.charCodeAt(this.at);
      if (Number.isNaN(code)) this.fail('a string is not closed');
      if (code === 0x22) break;
      if (code < 0x20) this.fail('a control character in a string must be escaped');
      if (code !== 0x5c) {
        this.at++;
        continue;
      }
      result += this.text.slice(chunk, this.at);
      const escape = this.text[this.at + 1] ?? '';
      if (escape === 'u') {
        const hex = this.text.slice(this.at + 2, this.at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('\\u must be followed by four hex digits');
        result += String.fromCharCode(parseInt(hex, 16));
        this.at += 6;
      } else if (escape in ESCAPES) {
        result += ESCAPES[escape];
        this.at += 2;
      } else {
        this.fail('an unknown escape in a string');
      }
      chunk = this.at;
    }
    result += this.text.slice(chunk, this.at);
    this.at++;
    const what = isKey ? `a key in ${where(path)}` : where(path);
    // The log's own rules (src/core/text-formats.ts): I-JSON strings, no control characters but tab and newline.
    if (!result.isWellFormed()) throw new JsonBodyError('lone-surrogate', `${what} holds a lone surrogate (an unpaired \\ud800–\\udfff)`, path || undefined);
    const control = forbiddenControl(result);
    if (control !== undefined) {
      const codePoint = `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      throw new JsonBodyError('control-character', `${what} holds the control character ${codePoint}; only tab and newline are accepted in text`, path || undefined);
    }
    return result;
  }

  private number(): number {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('expected a JSON value');
    this.at += match[0].length;
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.fail('a number too large to represent', -match[0].length);
    return value;
  }

  private literal<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.at)) this.fail('expected a JSON value');
    this.at += word.length;
    return value;
  }

  private checkDepth(path: string, depth: number): void {
    if (depth > MAX_JSON_DEPTH) {
      throw new JsonBodyError('json-too-deep', `the body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels (at ${where(path)})`, path || undefined);
    }
  }

  private skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.at);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.at++;
    }
  }

  private fail(message: string, offset = 0): never {
    throw new JsonBodyError('malformed-json', `the body is not valid JSON: ${message} (at character ${this.at + offset + 1})`);
  }
}

/** `meeting.section`, `changes[0]`; a key that is no identifier is quoted: `["a b"]`. */
function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${describeKey(key)}]`;
}

/** A key as a quoted string, shortened: a detail never echoes a whole body. */
function describeKey(key: string): string {
  return JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key);
}

function where(path: string): string {
  return path === '' ? 'the body' : path;
}

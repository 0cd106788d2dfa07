/** The hash chain hashes RFC 8785 canonical JSON: ours must equal the RFC's reference vectors byte for byte. */
import { readdirSync, readFileSync } from 'node:fs';
import { canonicalJson } from '../src/core/hash-chain.js';

const dir = new URL('./vectors/jcs/', import.meta.url);
const names = readdirSync(new URL('input/', dir)).filter((name) => name.endsWith('.json'));

describe('canonical JSON against the RFC 8785 vectors', () => {
  it('has the vectors to check', () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
  });

  it.each(names)('%s', (name) => {
    const input = JSON.parse(readFileSync(new URL(`input/${name}`, dir), 'utf8')) as unknown;
    const expected = readFileSync(new URL(`output/${name}`, dir));
    expect(Buffer.from(canonicalJson(input), 'utf8').equals(expected)).toBe(true);
  });
});

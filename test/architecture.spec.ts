/**
 * The dependency rule of STYLE.md, checked on every run: the decider and the projections are pure
 * (no Nest, validation, rxjs, store client, I/O or clock), so auditors can run them offline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const PURE = ['projections', 'src/agreements/domain', 'src/core'];
const FORBIDDEN = [/^@nestjs\//, /^class-validator/, /^class-transformer/, /^rxjs/, /^better-sqlite3/, /^@eventstore\//, /^node:(fs|net|http|https|child_process)/];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.ts$/.test(entry.name) && !/\.spec(-helper)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('the pure core', () => {
  const files = PURE.flatMap(sources);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(PURE)('%s imports nothing from Nest, validation, rxjs, a store client or I/O', (dir) => {
    const offences = sources(dir).flatMap((file) => imports(file).filter((spec) => FORBIDDEN.some((rule) => rule.test(spec))).map((spec) => `${file}: ${spec}`));
    expect(offences).toEqual([]);
  });

  it('projections reach into src/ only for the pure core', () => {
    const offences = sources('projections').flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(ROOT, join(ROOT, file, '..', spec)))
        .filter((target) => target.startsWith('src/') && !target.startsWith('src/core/'))
        .map((target) => `${file}: ${target}`),
    );
    expect(offences).toEqual([]);
  });

  it('reads no clock: time arrives as an argument', () => {
    const offences = files.filter((file) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offences).toEqual([]);
  });
});

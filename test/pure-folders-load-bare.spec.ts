/**
 * An auditor replays an export with our own projection code on their machine: the compiled pure
 * folders must load in a bare Node process, without Nest, validation, rxjs or a store client
 * (`npm test` builds dist/ first). The import rule itself is `npm run depcruise`; this proves what
 * actually loads, transitive packages included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('..', import.meta.url).pathname;
/** The pure folders, as tsconfig.build.json lays them out in dist/. */
const PURE = ['src/core', 'src/agreements/domain', 'projections'];
/** The holiday calendar and what it brings along: the calendars its rules are written in, and time zones. */
const HOLIDAY_PACKAGES = ['date-holidays', 'date-holidays-parser', 'caldate', 'deepmerge', 'moment-timezone', 'date-easter', 'astronomia', 'jalaali-js', 'date-chinese', 'date-bengali-revised'];
/** The only packages the pure folders may bring along (canonical JSON, the event schemas, the Finnish holidays of appeal deadlines). */
const ALLOWED_PACKAGES = ['canonicalize', 'typebox', ...HOLIDAY_PACKAGES];
const IO_BUILTINS = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'dns', 'tls', 'cluster', 'worker_threads'];

/** Every non-test source file of a pure folder, as its compiled file (projections/testing is a test helper). */
function compiled(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === 'projections/testing' ? [] : compiled(path);
    if (!entry.name.endsWith('.ts') || /\.(spec|spec-helper|d)\.ts$/.test(entry.name)) return [];
    return [join(ROOT, 'dist', path.replace(/\.ts$/, '.js'))];
  });
}

/**
 * A resolve hook, registered by the child with `module.register`, reports every URL it resolves
 * over a port; importing a data: URL last closes the list (a port keeps its messages' order).
 */
const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}`;
const END = 'data:text/javascript,export {}';

function child(files: string[]): string {
  return `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const resolved = [];
const done = new Promise((settle) => port1.on('message', (url) => (url === ${JSON.stringify(END)} ? settle() : resolved.push(url))));
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: port2 }, transferList: [port2] });
const exported = [];
for (const file of ${JSON.stringify(files.map((file) => pathToFileURL(file).href))}) exported.push(...Object.keys(await import(file)));
await import(${JSON.stringify(END)});
await done;
port1.close();
process.stdout.write(JSON.stringify({ resolved, exported, reflectMetadata: typeof Reflect.getMetadata }));
`;
}

describe('the pure folders in a bare Node process', () => {
  const files = PURE.flatMap(compiled);

  it('are built', () => {
    expect(files.length).toBeGreaterThan(25);
    expect(files.filter((file) => !existsSync(file)).map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('load with no Nest, reflect-metadata, validation, rxjs, store client or I/O module', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', child(files)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { resolved, exported, reflectMetadata } = JSON.parse(run.stdout) as { resolved: string[]; exported: string[]; reflectMetadata: string };

    const packages = new Set(resolved.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
    const builtins = resolved.filter((url) => url.startsWith('node:')).map((url) => url.slice('node:'.length));
    const projectFiles = resolved.filter((url) => url.startsWith('file:') && !url.includes('/node_modules/')).map((url) => relative(join(ROOT, 'dist'), new URL(url).pathname));

    expect({
      otherPackages: [...packages].filter((name) => !ALLOWED_PACKAGES.includes(name)),
      ioBuiltins: builtins.filter((name) => IO_BUILTINS.includes(name)),
      filesOutsidePureFolders: projectFiles.filter((file) => !PURE.some((dir) => file.startsWith(`${dir}/`))),
      reflectMetadata,
    }).toEqual({ otherPackages: [], ioBuiltins: [], filesOutsidePureFolders: [], reflectMetadata: 'undefined' });
    // The hook did see the loading: the auditor's entry points and the hash chain's package.
    expect(exported).toEqual(expect.arrayContaining(['evolve', 'status', 'versions', 'decide']));
    expect(packages).toContain('canonicalize');
  });
});

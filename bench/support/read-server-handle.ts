/**
 * The real server for bench:read (b): read-server.js in a child process, run from a copy of dist/
 * taken when the bench starts, driven over IPC; and how long its projections take to catch up.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerCommand, ServerMessage } from './read-server.js';
import { secondsSince } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root, seen from dist/bench/support. */
export const repoRoot = resolve(here, '..', '..', '..');

export interface ServerHandle {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  readonly readySeconds: number;
  send(command: ServerCommand): void;
  next<T extends ServerMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>>;
  stop(): Promise<void>;
}

/**
 * A copy of the compiled code as this process loaded it: dist/ is shared, and a build by someone
 * else during a long run would otherwise put different code in the server than in the rebuild.
 */
export function snapshotServerCode(workDir: string): string {
  const root = join(workDir, 'code');
  cpSync(join(repoRoot, 'dist'), join(root, 'dist'), { recursive: true });
  copyFileSync(join(repoRoot, 'package.json'), join(root, 'package.json')); // "type": "module"
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** Starts read-server.js (or another `script` here speaking its IPC) from `codeRoot`'s copy of dist/ on `dataDir`; resolves once it listens. */
export async function startServer(dataDir: string, codeRoot: string, timeoutSeconds: number, script = 'read-server.js'): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The server refuses unknown LEDGER_ settings: pass only ours.
    if (key.startsWith('LEDGER_') || key === 'PORT' || key === 'HOST' || key === 'EVENTSTORE_CONNECTION_STRING') continue;
    env[key] = value;
  }
  Object.assign(env, { LEDGER_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LEDGER_RATE_LIMIT: '0' });
  const started = process.hrtime.bigint();
  const child = fork(join(codeRoot, relative(repoRoot, here), script), [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  // The bench going away must not leave a server behind.
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  const next = <T extends ServerMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>> =>
    new Promise((resolvePromise, reject) => {
      const onMessage = (message: ServerMessage): void => {
        if (message.type === type) {
          done();
          resolvePromise(message as Extract<ServerMessage, { type: T }>);
        } else if (message.type === 'failed') {
          done();
          reject(new Error(`server: ${message.error}`));
        }
      };
      const onExit = (code: number | null, signal: string | null): void => {
        done();
        reject(new Error(`server exited (${signal ?? code}) while waiting for ${type}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`server: no ${type} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      }
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const ready = await next('ready', timeoutSeconds * 1000);
  return {
    child,
    url: ready.url,
    token: ready.token,
    readySeconds: secondsSince(started),
    send: (command) => child.send(command),
    next,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' } satisfies ServerCommand);
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export interface Health {
  readonly store: { readonly headPosition: string | null };
  readonly projections: { readonly position: string | null; readonly caughtUp: boolean; readonly lagEvents?: number };
}

/** Seconds until /api/health says caught up, and whether it already did at the first answer. */
export async function waitUntilCaughtUp(api: string, timeoutSeconds: number, progress: (message: string) => void): Promise<{ seconds: number; atFirstAnswer: boolean }> {
  const start = process.hrtime.bigint();
  let lastReport = 0;
  for (let polls = 0; ; polls++) {
    const response = await fetch(`${api}/health`, { signal: AbortSignal.timeout(timeoutSeconds * 1000) });
    const health = (await response.json()) as Health;
    if (health.projections.caughtUp) return { seconds: secondsSince(start), atFirstAnswer: polls === 0 };
    const elapsed = secondsSince(start);
    if (elapsed > timeoutSeconds) throw new Error(`the projections did not catch up within ${timeoutSeconds} s`);
    if (elapsed - lastReport >= 5) {
      lastReport = elapsed;
      progress(`(b) projections catching up: position ${health.projections.position ?? '-'} of ${health.store.headPosition}, lag ${health.projections.lagEvents ?? '?'} events`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

import { spawn } from 'node:child_process';

/** The built server (`npm test` builds first) as its own process, as `npm start` runs it. */
export const SERVER_MAIN = 'dist/src/main.js';

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234/api, once it listens. */
  readonly url: Promise<string>;
  readonly pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** The first-start admin token it printed. */
  token(): string;
  /** Resolves with the signal that ended it, or `exit <code>`. */
  readonly exited: Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

export function startServerProcess(env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, [SERVER_MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<string>((resolve) => child.on('close', (code, signal) => resolve(signal ?? `exit ${code}`)));
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+\/api)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((how) => reject(new Error(`the server ended (${how}) before listening: ${output}`)));
  });
  url.catch(() => undefined);
  return {
    url,
    pid: child.pid!,
    exited,
    output: () => output,
    token: () => {
      const token = /(ldg_[A-Za-z0-9_-]{43})/.exec(output)?.[1];
      if (!token) throw new Error(`the server printed no first admin token: ${output}`);
      return token;
    },
    kill: (signal) => child.kill(signal),
  };
}

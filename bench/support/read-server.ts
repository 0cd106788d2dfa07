/**
 * The real server in a child process for `bench:read`: built exactly as `npm start` builds it
 * (loadConfig from the environment, createApp), only quieter, and driven over IPC:
 *
 *   → { type: 'ready', url, token }          once listening; token is the first-start admin token
 *   ← { type: 'profile-start' }              starts the V8 CPU profiler in this process
 *   ← { type: 'profile-stop', file }         writes the .cpuprofile → { type: 'profiled', file }
 *   ← { type: 'stop' }                       closes the app and exits 0
 *
 * A separate process keeps the load generator off the server's event loop.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { pino } from 'pino';
import { createApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/ledger-config.js';

export type ServerMessage =
  | { readonly type: 'ready'; readonly url: string; readonly token: string }
  | { readonly type: 'profiling' }
  | { readonly type: 'profiled'; readonly file: string }
  | { readonly type: 'failed'; readonly error: string };

export type ServerCommand = { readonly type: 'profile-start' } | { readonly type: 'profile-stop'; readonly file: string } | { readonly type: 'stop' };

function send(message: ServerMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('read-server runs as a child process with an IPC channel (child_process.fork)');
  const announcements: string[] = [];
  const config = loadConfig(process.env);
  const announce = (message: string): void => void announcements.push(message);
  // BENCH_SERVER_LOGS=production: an access line per request at LEDGER_LOG_LEVEL, as in production,
  // written to /dev/null (the cheapest sink a real collector could be); otherwise errors only.
  const production = process.env.BENCH_SERVER_LOGS === 'production';
  const app = await createApp(
    config,
    production ? { announce, logDestination: pino.destination({ dest: '/dev/null', sync: true }) } : { logger: ['error'], announce },
  );
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const token = /(ldg_[A-Za-z0-9_-]{43})/.exec(announcements.join('\n'))?.[1];
  if (!token) throw new Error('the server announced no first admin token (is the data directory new?)');

  let session: Session | undefined;
  process.on('message', (command: ServerCommand) => {
    void (async () => {
      switch (command.type) {
        case 'profile-start':
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 250 });
          await session.post('Profiler.start');
          send({ type: 'profiling' });
          return;
        case 'profile-stop': {
          if (!session) throw new Error('no profile is running');
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(command.file, JSON.stringify(profile));
          session.disconnect();
          session = undefined;
          send({ type: 'profiled', file: command.file });
          return;
        }
        case 'stop':
          await app.close();
          process.exit(0);
      }
    })().catch((error: unknown) => {
      send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
  // The parent going away must not leave a server behind.
  process.on('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', url, token });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});

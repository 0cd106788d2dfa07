import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `server.pid` in the data directory tells the CLI a server uses it (for commands that need it stopped). */
export function writeServerPid(dataDir: string): void {
  const file = join(dataDir, 'server.pid');
  writeFileSync(file, `${process.pid}\n`);
  process.once('exit', () => {
    if (runningServerPid(dataDir) === process.pid) rmSync(file, { force: true });
  });
}

/** The pid of a live server on this data directory, if any (a stale file after kill -9 is ignored). */
export function runningServerPid(dataDir: string): number | undefined {
  const file = join(dataDir, 'server.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

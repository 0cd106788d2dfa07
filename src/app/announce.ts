import type { Announce } from '../auth/announce.js';

export { ANNOUNCE, type Announce } from '../auth/announce.js';

/** The server's default: a line on stdout, never through the logger. */
export const announceToStdout: Announce = (message) => process.stdout.write(`${message}\n`);

import { pino, type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import type { LedgerConfig } from '../config/ledger-config.js';

export type { Logger } from 'pino';

/**
 * The server's one logger: JSON lines on stdout (or `destination`), or with `LEDGER_LOG_FORMAT=pretty`
 * one coloured line per entry for a person at a terminal. Nest's own messages, the access log and
 * every failure go through it.
 */
export function createLedgerLogger(log: LedgerConfig['log'], destination?: DestinationStream): Logger {
  const options = {
    level: log.level,
    // Authorization headers never reach a log line; this is the belt to the access log's braces.
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], remove: true },
  };
  if (log.format === 'pretty') {
    return pino(options, pinoPretty({ destination: destination ?? 1, colorize: process.stdout.isTTY, sync: true, translateTime: 'SYS:HH:MM:ss.l' }));
  }
  // Synchronous writes (pino's default): a line logged just before exit, or before a crash, is not lost.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

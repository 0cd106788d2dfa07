/** Where the server tells its operator things meant for a person, not the log (e.g. the first token). */
export type Announce = (message: string) => void;
export const ANNOUNCE = Symbol('Announce');
export const announceToStdout: Announce = (message) => process.stdout.write(`${message}\n`);

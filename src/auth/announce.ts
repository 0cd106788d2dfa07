/**
 * Where the server tells its operator things meant for a person, not the log (e.g. the first
 * token). Declared here, by the one who announces; the composition root provides it.
 */
export type Announce = (message: string) => void;
export const ANNOUNCE = Symbol('Announce');

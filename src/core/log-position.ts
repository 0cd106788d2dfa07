/**
 * Log positions as the stores write them: SQLite's rowid (`42`) and EventStoreDB's
 * `commit/prepare` (`1024/1024`). Elsewhere they are opaque and only their store compares them;
 * an export holds no store, so an auditor compares them here, number by number.
 */
const POSITION = /^(0|[1-9][0-9]*)(\/(0|[1-9][0-9]*))?$/;

/** The position's numbers, or undefined when it is in neither store's form. */
export function parseLogPosition(position: string): readonly bigint[] | undefined {
  const match = POSITION.exec(position);
  if (match === null) return undefined;
  return match[3] === undefined ? [BigInt(match[1]!)] : [BigInt(match[1]!), BigInt(match[3])];
}

/** Negative, zero or positive as `a` comes before, at or after `b`; positions of two forms do not compare. */
export function compareParsedPositions(a: readonly bigint[], b: readonly bigint[]): number | undefined {
  if (a.length !== b.length) return undefined;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

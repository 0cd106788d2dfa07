const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `15s`, `5m`, `2h`, `5d` → milliseconds; a bare number is seconds. Throws naming what it cannot read. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (match === null) throw new RangeError(`"${text}" is not a duration like 500ms, 15s, 5m, 2h or 5d`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!);
}

/** `5s,5m,30m,2h,5h,10h,10h` → milliseconds. */
export function parseDurations(text: string): number[] {
  return text.split(',').map(parseDuration);
}

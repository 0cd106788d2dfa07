import { createHash } from 'node:crypto';

/**
 * Event ids derived from the caller and its Idempotency-Key: a command retried after a crash
 * produces the same ids, so the store's own deduplication (EventStoreDB's too) turns the second
 * append into a no-op. Formatted as RFC 9562 UUIDv8 (custom, here SHA-256 based).
 */
export function derivedEventIds(principalId: string, idempotencyKey: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const bytes = createHash('sha256').update(`${principalId}\n${idempotencyKey}\n${index}`).digest().subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
    bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
}

/** `Idempotency-Key: abc` or the structured-field string form `Idempotency-Key: "abc"`. */
export function parseIdempotencyKey(header: string | undefined): string | undefined | Error {
  if (header === undefined) return undefined;
  let key = header.trim();
  if (key.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\["\\])*"$/.test(key)) return new Error('Idempotency-Key is not a valid structured-field string');
    key = key.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  if (key.length === 0 || key.length > 255) return new Error('Idempotency-Key must be 1–255 characters');
  if (!/^[\x20-\x7e]+$/.test(key)) return new Error('Idempotency-Key must be printable ASCII');
  return key;
}

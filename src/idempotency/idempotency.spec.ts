import Database from 'better-sqlite3';
import { derivedEventIds, parseIdempotencyKey } from './derived-event-ids.js';
import { IdempotencyStore } from './idempotency-store.js';
import { migrateState } from '../state/state-schema.js';

describe('idempotency keys', () => {
  let clock = new Date('2026-11-27T10:00:00Z');
  const store = () => {
    const db = new Database(':memory:');
    migrateState(db);
    return new IdempotencyStore(db, () => clock);
  };
  const fp = IdempotencyStore.fingerprint('POST', '/api/agreements/a/decisions', { outcome: 'approved' });

  it('claims a new key, replays the completed response, refuses another body and a second in-flight request', () => {
    const s = store();
    expect(s.claim('token:a', 'k1', fp)).toEqual({ outcome: 'proceed' });
    expect(s.claim('token:a', 'k1', fp)).toEqual({ outcome: 'in-flight' });
    s.complete('token:a', 'k1', { status: 201, body: { revision: 3 }, etag: '"3"' });
    expect(s.claim('token:a', 'k1', fp)).toEqual({ outcome: 'replay', response: { status: 201, body: { revision: 3 }, etag: '"3"' } });
    const other = IdempotencyStore.fingerprint('POST', '/api/agreements/a/decisions', { outcome: 'rejected' });
    expect(s.claim('token:a', 'k1', other)).toEqual({ outcome: 'mismatch' });
  });

  it('scopes keys to the caller and frees a released key', () => {
    const s = store();
    expect(s.claim('token:a', 'k', fp).outcome).toBe('proceed');
    expect(s.claim('token:b', 'k', fp).outcome).toBe('proceed');
    s.release('token:a', 'k');
    expect(s.claim('token:a', 'k', fp).outcome).toBe('proceed');
  });

  it('remembers a key for at least 24 hours, and lets an abandoned in-flight claim be taken over', () => {
    const s = store();
    s.claim('token:a', 'done', fp);
    s.complete('token:a', 'done', { status: 201, body: {} });
    s.claim('token:a', 'stuck', fp);
    clock = new Date(clock.getTime() + 24 * 3600_000);
    expect(s.claim('token:a', 'done', fp).outcome).toBe('replay');
    expect(s.claim('token:a', 'stuck', fp).outcome).toBe('proceed');
  });

  it('derives stable, distinct UUIDs from caller, key and index', () => {
    const ids = derivedEventIds('token:a', 'k', 3);
    expect(derivedEventIds('token:a', 'k', 3)).toEqual(ids);
    expect(new Set([...ids, ...derivedEventIds('token:b', 'k', 3)]).size).toBe(6);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('accepts a plain or a structured-field string key', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"pöytäkirja \\"160\\""')).toBeInstanceOf(Error);
    expect(parseIdempotencyKey('"khall-2023-160"')).toBe('khall-2023-160');
    expect(parseIdempotencyKey('"a\\"b"')).toBe('a"b');
    expect(parseIdempotencyKey('x'.repeat(256))).toBeInstanceOf(Error);
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });
});

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonObject } from './json.js';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  readonly prevHash: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: JsonObject;
  /** The stored metadata without its `hash` field (it still holds `prevHash`). */
  readonly metadata: JsonObject;
}

/** SHA-256 over the RFC 8785 canonical JSON of the fields DESIGN.md names; lowercase hex. */
export function eventHash(fields: HashedFields, canonicalData = canonicalJson(fields.data)): string {
  // The envelope's keys in RFC 8785 order, around the canonical data the caller may already hold
  // (the store keeps that very string, so the largest part is serialised once).
  const canonical =
    `{"data":${canonicalData},"metadata":${canonicalJson(fields.metadata)},"prevHash":${canonicalJson(fields.prevHash)},` +
    `"revision":${canonicalJson(fields.revision)},"streamId":${canonicalJson(fields.streamId)},"type":${canonicalJson(fields.type)}}`;
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** RFC 8785 canonical JSON (by the canonicalize library). */
export function canonicalJson(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new Error('value is not serialisable as JSON');
  return canonical;
}

export interface ChainLink {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/**
 * Seals one event onto its stream's chain: the returned metadata is the caller's metadata plus
 * `prevHash` and `hash`. Any `prevHash`/`hash` the caller passed is overwritten, never trusted.
 */
export function sealEvent(prevHash: string, event: ChainLink, canonicalData?: string): JsonObject {
  const { hash: _ignored, ...rest } = event.metadata;
  const unsealed: JsonObject = { ...rest, prevHash };
  const hash = eventHash({ ...event, prevHash, metadata: unsealed }, canonicalData);
  return { ...unsealed, hash };
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly events: number;
  /** The hash of the last event that verified (GENESIS_HASH for an empty or wholly bad stream). */
  readonly headHash: string;
  readonly firstInvalidRevision?: number;
  readonly reason?: string;
}

/**
 * Verifies one stream's events in revision order: revisions contiguous from 0, each prevHash the
 * previous hash, each hash recomputed from the content. Names the first revision that fails.
 */
export function verifyChain(events: readonly ChainLink[]): ChainVerification {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const fail = (reason: string): ChainVerification => ({
      valid: false,
      events: events.length,
      headHash: prevHash,
      firstInvalidRevision: i,
      reason,
    });
    if (event.revision !== i) return fail(`expected revision ${i}, found ${event.revision}`);
    if (i > 0 && event.streamId !== events[0]!.streamId) return fail('event belongs to another stream');
    const { hash, ...unsealed } = event.metadata;
    if (unsealed.prevHash !== prevHash) return fail('prevHash does not match the previous event');
    if (typeof hash !== 'string' || hash !== eventHash({ ...event, prevHash, metadata: unsealed })) {
      return fail('hash does not match the event content');
    }
    prevHash = hash;
  }
  return { valid: true, events: events.length, headHash: prevHash };
}

import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { HASH_VERSION } from './event-metadata.js';
import type { JsonObject } from './json.js';

/**
 * Each stream is a hash chain (DESIGN.md "Tamper evidence", hash format 2):
 * `hash = SHA-256(JCS({prevHash, eventId, streamId, revision, type, data, metadata-without-hash}))`.
 * The event id is covered, so an inclusion proof asked by event id proves that very event.
 */

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export { HASH_VERSION };

export interface ChainLink {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface HashedFields extends ChainLink {
  readonly prevHash: string;
  /** The stored metadata without its `hash` field (it still holds `prevHash` and `hashVersion`). */
  readonly metadata: JsonObject;
}

/** SHA-256 over the RFC 8785 canonical JSON of the fields of hash format 2; lowercase hex. */
export function eventHash(fields: HashedFields, canonicalData = canonicalJson(fields.data)): string {
  // The envelope's keys in RFC 8785 order (UTF-16 code units), around the canonical data the caller
  // may already hold (the store keeps that very string, so the largest part is serialised once).
  const canonical =
    `{"data":${canonicalData},"eventId":${canonicalJson(fields.eventId)},"metadata":${canonicalJson(fields.metadata)},` +
    `"prevHash":${canonicalJson(fields.prevHash)},"revision":${canonicalJson(fields.revision)},` +
    `"streamId":${canonicalJson(fields.streamId)},"type":${canonicalJson(fields.type)}}`;
  // One-shot: a Hash object per event costs as much again as the digest (bench:verify).
  return hash('sha256', canonical, 'hex');
}

export { canonicalJson };

/**
 * Seals one event onto its stream's chain: the returned metadata is the caller's metadata plus
 * `hashVersion`, `prevHash` and `hash`. Any of those the caller passed is overwritten, never trusted.
 */
export function sealEvent(prevHash: string, event: ChainLink, canonicalData?: string): JsonObject {
  // Copied key by key rather than with rest and spread patterns (V8's generic, slower copies): the
  // same keys in the same order, so the stored metadata reads exactly as before.
  const sealed: JsonObject = {};
  for (const key of Object.keys(event.metadata)) if (key !== 'hash') sealed[key] = event.metadata[key]!;
  sealed.hashVersion = HASH_VERSION;
  sealed.prevHash = prevHash;
  const { eventId, streamId, revision, type, data } = event;
  // Hashed before `hash` is added: the hash covers the metadata without it.
  sealed.hash = eventHash({ eventId, streamId, revision, type, data, prevHash, metadata: sealed }, canonicalData);
  return sealed;
}

export interface ChainVerification {
  readonly valid: boolean;
  readonly events: number;
  /** The hash of the last event that verified (GENESIS_HASH for an empty or wholly bad stream). */
  readonly headHash: string;
  readonly firstInvalidRevision?: number;
  readonly reason?: string;
}

/** Why one link fails, or undefined when it holds: its hash rule is known, it follows `prevHash`, its hash is its content's. */
export function linkProblem(link: ChainLink, prevHash: string): string | undefined {
  const { hash, ...unsealed } = link.metadata;
  if (unsealed.hashVersion !== HASH_VERSION) return `unknown hashVersion ${JSON.stringify(unsealed.hashVersion ?? null)}`;
  if (unsealed.prevHash !== prevHash) return 'prevHash does not match the previous event';
  if (typeof hash !== 'string' || hash !== eventHash({ ...link, prevHash, metadata: unsealed })) return 'hash does not match the event content';
  return undefined;
}

/**
 * Verifies one stream's events in revision order: revisions contiguous from 0, each prevHash the
 * previous hash, each hash recomputed from the content. Names the first revision that fails.
 */
export function verifyChain(events: readonly ChainLink[]): ChainVerification {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const fail = (reason: string): ChainVerification => ({ valid: false, events: events.length, headHash: prevHash, firstInvalidRevision: i, reason });
    if (event.revision !== i) return fail(`expected revision ${i}, found ${event.revision}`);
    if (i > 0 && event.streamId !== events[0]!.streamId) return fail('event belongs to another stream');
    const problem = linkProblem(event, prevHash);
    if (problem !== undefined) return fail(problem);
    prevHash = event.metadata.hash as string;
  }
  return { valid: true, events: events.length, headHash: prevHash };
}

import type { AgreementEvent } from '../core/agreement-events.js';
import type { AgreementScope } from '../auth/access-policy.js';
import type { DraftedAgreement, ForceTransition, ObligationNotice } from '../../projections/index.js';

/**
 * What a webhook says: its type and its `data`, made from an event or a force transition. Types
 * follow the event's name (`DecisionRecorded` → `decision.recorded`), so an event type added to the
 * contract later needs nothing here; only a name that would collide with a force transition is
 * renamed (`AgreementTerminated` records a termination; `agreement.terminated` is the day it ends force).
 */
const RENAMED: Readonly<Record<string, string>> = { AgreementTerminated: 'termination.recorded' };

export function webhookType(eventType: string): string {
  const renamed = RENAMED[eventType];
  if (renamed !== undefined) return renamed;
  const words = eventType.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join('_')}.${words[words.length - 1]}`;
}

export function transitionType(transition: ForceTransition): string {
  return `agreement.${transition.type}`;
}

/** `decision.recorded` matches itself and `decision.*`; no patterns match every type. */
export function matchesType(patterns: readonly string[], type: string): boolean {
  return patterns.length === 0 || patterns.some((pattern) => (pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type));
}

/** A `prefix.*` wildcard or an exact name: lowercase words joined by `_`, a dot between noun and verb. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z_]*(\.\*|\.[a-z][a-z_]*)$/;

/** Region and the parties of every version, as the API's visibility rules read them. */
export function scopeOfProjection(agreement: DraftedAgreement): AgreementScope {
  return { region: agreement.region, partyIds: [...new Set(agreement.versions.flatMap((version) => version.parties.map((party) => party.partyId)))] };
}

export interface MessageData {
  readonly agreementId: string;
  readonly version: number | null;
  readonly position: string;
  readonly [field: string]: unknown;
}

/** An event's message data: the fact's fields, with confidential annexes reduced to their ids. */
export function eventData(agreement: DraftedAgreement, event: AgreementEvent, eventId: string, position: string): MessageData {
  const data = event.data as Readonly<Record<string, unknown>>;
  const version = typeof data.version === 'number' ? data.version : agreement.versions.length;
  return { ...(redactConfidentialAnnexes(agreement, data) as object), eventId, agreementId: agreement.agreementId, version, position };
}

/** A force transition's message data: the transition's fields (`effectiveOn`, a spoke's `partyId`, …). */
export function transitionData(agreement: DraftedAgreement, transition: ForceTransition, position: string): MessageData {
  const { type: _type, scheduled: _scheduled, ...fields } = transition;
  return { ...fields, agreementId: agreement.agreementId, version: transition.version, position };
}

export function noticeType(notice: ObligationNotice): string {
  return `obligation.${notice.type}`;
}

/** An obligation notice's message data: `{agreementId, version, obligationId, title, period {from, to}, partyId, effectiveOn}`. */
export function noticeData(agreement: DraftedAgreement, notice: ObligationNotice, position: string): MessageData {
  const { type: _type, ...fields } = notice;
  return { ...fields, agreementId: agreement.agreementId, position };
}

/** `{type, timestamp, data}`, Standard Webhooks' payload. */
export function messageBody(type: string, timestamp: string, data: MessageData): string {
  return JSON.stringify({ type, timestamp, data });
}

/**
 * Any object naming an annex that is confidential in some version keeps only its id (and the
 * change's `op` and the publicity): its title, hash and legal basis are for the parties and
 * auditors reading the API, never for a receiving system. Walks the whole value, so an event type
 * that mentions annexes in a new place is covered too.
 */
export function redactConfidentialAnnexes(agreement: DraftedAgreement, value: unknown): unknown {
  const confidential = new Set(
    agreement.versions.flatMap((version) => version.annexes.filter((annex) => annex.publicity === 'confidential').map((annex) => annex.annexId)),
  );
  if (confidential.size === 0) return value;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (typeof record.annexId === 'string' && confidential.has(record.annexId)) {
      return { ...('op' in record && { op: record.op }), annexId: record.annexId, publicity: 'confidential' };
    }
    return Object.fromEntries(Object.entries(record).map(([key, field]) => [key, walk(field)]));
  };
  return walk(value);
}

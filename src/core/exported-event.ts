import type { JsonObject } from './json.js';
import type { StoredEvent } from './stored-event.js';

/**
 * One line of an export (`ledger export`): a stored event exactly as `GET …/events` answers it.
 * An export comes from outside, so every field is checked for its type before anything reads it;
 * whether the content is the log's is the hash chain's and the ledger tree's question.
 */

export type ExportLine = { readonly event: StoredEvent } | { readonly problem: string; readonly partial: Partial<StoredEvent> };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseExportLine(line: string): ExportLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'the line is not JSON', partial: {} };
  }
  if (!isObject(value)) return { problem: 'the line is not a JSON object', partial: {} };
  const { eventId, type, streamId, revision, position, data, metadata } = value;
  // The common case first, with nothing built for it but the event: an export holds millions of lines.
  if (
    typeof eventId === 'string' && typeof type === 'string' && typeof streamId === 'string' && Number.isSafeInteger(revision) && (revision as number) >= 0 &&
    typeof position === 'string' && isObject(data) && isObject(metadata) && typeof metadata.recordedAt === 'string'
  ) {
    return { event: { eventId, type, data, metadata, streamId, revision: revision as number, position, recordedAt: metadata.recordedAt } };
  }
  const partial: Partial<StoredEvent> = {
    ...(typeof eventId === 'string' && { eventId }),
    ...(typeof streamId === 'string' && { streamId }),
    ...(Number.isSafeInteger(revision) && { revision: revision as number }),
    ...(typeof position === 'string' && { position }),
  };
  const missing = [
    typeof eventId !== 'string' && 'eventId (a string)',
    typeof type !== 'string' && 'type (a string)',
    typeof streamId !== 'string' && 'streamId (a string)',
    !(Number.isSafeInteger(revision) && (revision as number) >= 0) && 'revision (a whole number)',
    typeof position !== 'string' && 'position (a string)',
    !isObject(data) && 'data (an object)',
    !(isObject(metadata) && typeof metadata.recordedAt === 'string') && 'metadata (an object with recordedAt)',
  ].filter((field) => field !== false);
  return { problem: `the event lacks ${missing.join(', ')}`, partial };
}

/** The line `ledger export` writes for one stored event: the API's JSON of it, no more, no less. */
export function exportLine(event: StoredEvent): string {
  return JSON.stringify(event);
}

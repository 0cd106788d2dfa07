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
  if (missing.length > 0) return { problem: `the event lacks ${missing.join(', ')}`, partial };
  const meta = metadata as JsonObject;
  return {
    event: {
      eventId: eventId as string,
      type: type as string,
      data: data as JsonObject,
      metadata: meta,
      streamId: streamId as string,
      revision: revision as number,
      position: position as string,
      recordedAt: meta.recordedAt as string,
    },
  };
}

/** The line `ledger export` writes for one stored event: the API's JSON of it, no more, no less. */
export function exportLine(event: StoredEvent): string {
  return JSON.stringify(event);
}

import { agreementEvents } from '../core/agreement-contract.js';
import { StoredMetadataSchema } from '../core/event-metadata.js';
import type { Schema } from './json-schema.js';

/**
 * The event contract's own JSON Schemas, published beside the API's: what `GET …/events`, an
 * export and an auditor's tools see in each event's `data` and `metadata`. Generated from the very
 * schemas the stores validate with, so the document cannot drift from the log.
 */
export function eventSchemas(): Record<string, Schema> {
  const components: Record<string, Schema> = {};
  for (const [type, { schemaVersion, schema }] of Object.entries(agreementEvents.jsonSchemas())) {
    components[dataSchemaName(type)] = { ...(openApi30(schema) as Schema), description: `The data of ${type} (schemaVersion ${schemaVersion}).` };
  }
  components.EventMetadata = openApi30(StoredMetadataSchema) as Schema;
  return components;
}

export function dataSchemaName(eventType: string): string {
  return `${eventType}Data`;
}

export const EVENT_TYPES = agreementEvents.eventTypes;

/**
 * JSON Schema as OpenAPI 3.0 reads it: `const` (JSON Schema 2020-12, OpenAPI 3.1) becomes a
 * one-value `enum`, and a union with `{type: 'null'}` (a date that may be cleared) the other
 * alternative marked `nullable`, as 3.0 has no null type.
 */
function openApi30(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApi30);
  if (typeof schema !== 'object' || schema === null) return schema;
  const alternatives = (schema as { anyOf?: unknown }).anyOf;
  if (Array.isArray(alternatives) && alternatives.some(isNullType)) {
    const { anyOf: _anyOf, ...rest } = schema as Record<string, unknown>;
    const others = alternatives.filter((alternative) => !isNullType(alternative));
    const union = others.length === 1 ? (others[0] as Record<string, unknown>) : { anyOf: others };
    return openApi30({ ...rest, ...union, nullable: true });
  }
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'const') converted.enum = [value];
    else converted[key] = openApi30(value);
  }
  return converted;
}

function isNullType(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'null';
}

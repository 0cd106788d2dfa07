import Type, { type Static, type TSchema } from 'typebox';
import { FORMATS } from './text-formats.js';

/**
 * What every event's metadata holds. The writer gives who and why (`actor`, the request ids, the
 * data's `schemaVersion`); the store adds when and the chain (`recordedAt`, `hashVersion`,
 * `prevHash`, `hash`) inside the append, so no writer can choose them.
 */

const strict = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });
const hex64 = () => Type.String({ pattern: '^[0-9a-f]{64}$' });
/** Request ids as the HTTP edge accepts them (X-Request-Id), or a generated UUID. */
const requestId = () => Type.String({ pattern: '^[\\w.:@-]{1,128}$' });

const writerFields = {
  /** Display name of the principal, e.g. "Kotkan kirjaamo". */
  actor: Type.String({ format: FORMATS.freeText, maxLength: 500 }),
  actorId: Type.Optional(Type.String({ format: FORMATS.freeText, maxLength: 500 })),
  $correlationId: Type.Optional(requestId()),
  $causationId: Type.Optional(requestId()),
  /** The version of this event type's data schema the data was written in. */
  schemaVersion: Type.Integer({ minimum: 1 }),
};

/** Metadata as a writer hands it to the store. */
export const WriterMetadataSchema = strict(writerFields);

/** The hash rule the chain was sealed with (DESIGN.md "Tamper evidence"). */
export const HASH_VERSION = 2;

/** Metadata as stored: the writer's, plus the store's own fields. */
export const StoredMetadataSchema = strict({
  ...writerFields,
  /** ISO 8601 UTC instant, server time, never running backwards within a store. */
  recordedAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$' }),
  hashVersion: Type.Integer({ minimum: 1 }),
  prevHash: hex64(),
  hash: hex64(),
});

export type WriterMetadata = Static<typeof WriterMetadataSchema>;
export type StoredMetadata = Static<typeof StoredMetadataSchema>;

/** The store's own keys: a writer's values for them are replaced, never trusted. */
export const STORE_METADATA_KEYS = ['recordedAt', 'hashVersion', 'prevHash', 'hash'] as const;

import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { StoredMetadataSchema, STORE_METADATA_KEYS, WriterMetadataSchema, type WriterMetadata } from './event-metadata.js';
import type { JsonObject } from './json.js';
import type { StoredEvent } from './stored-event.js';

/**
 * Where the log meets the code. A contract knows, for the event types of one stream category,
 * every schema version of their data, and turns events into stored form (`encode`, validated
 * before any store sees them) and stored events back into typed ones (`decode`, validated and
 * upcast to the current version). Both directions go through compiled validators.
 */

export interface ContractIssue {
  /** e.g. `data.parties[0].partyId` */
  readonly path: string;
  readonly message: string;
}

/** An event the contract refuses: never appended, never handed to a reader. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';

  constructor(
    /** e.g. `DecisionRecorded for agreement-kotka-2023` or `agreement-kotka-2023@4` */
    readonly where: string,
    readonly issues: readonly ContractIssue[],
  ) {
    super(`${where} breaks the event contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/**
 * One event type: its data schema per version and how each older version becomes the next.
 * `versions[0]` is version `retired + 1`; versions up to `retired` are no longer read (they changed
 * before any production data existed, so no upcast was written) and decoding one is refused.
 */
export interface EventTypeDefinition {
  readonly retired?: number;
  readonly versions: readonly TSchema[];
  /** `upcasts[i]` turns `versions[i]` data into `versions[i + 1]` data. */
  readonly upcasts?: ReadonlyArray<(data: JsonObject) => JsonObject>;
}

export interface DecodedEvent<E> {
  readonly event: E;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly recordedAt: string;
}

export interface EncodedEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

interface CompiledType {
  /** The type's name, one string shared by every event decoded (not one per stored row). */
  readonly type: string;
  readonly retired: number;
  readonly current: number;
  /** `validators[i]` checks version `retired + 1 + i`. */
  readonly validators: readonly Validator[];
  readonly upcasts: ReadonlyArray<(data: JsonObject) => JsonObject>;
}

const writerMetadata = Compile(WriterMetadataSchema);
const storedMetadata = Compile(StoredMetadataSchema);

export class EventContract<E extends { readonly type: string; readonly data: unknown }> {
  private readonly types = new Map<string, CompiledType>();

  constructor(
    /** Streams `<prefix><id>` carry these events and no others. */
    readonly streamPrefix: string,
    definitions: { readonly [T in E['type']]: EventTypeDefinition },
  ) {
    for (const [type, definition] of Object.entries<EventTypeDefinition>(definitions)) {
      const upcasts = definition.upcasts ?? [];
      if (definition.versions.length === 0 || upcasts.length !== definition.versions.length - 1) {
        throw new Error(`${type}: every schema version but the last needs an upcast to the next`);
      }
      const retired = definition.retired ?? 0;
      const validators = definition.versions.map((schema) => Compile(schema));
      this.types.set(type, { type, retired, current: retired + definition.versions.length, validators, upcasts });
    }
  }

  get eventTypes(): readonly string[] {
    return [...this.types.keys()];
  }

  governs(streamId: string): boolean {
    return streamId.startsWith(this.streamPrefix);
  }

  currentVersion(type: E['type']): number {
    return this.compiled(type, type).current;
  }

  /** Each type's current data schema, as JSON Schema, for documentation and outside tools. */
  jsonSchemas(): Record<string, { readonly schemaVersion: number; readonly schema: unknown }> {
    return Object.fromEntries(
      [...this.types].map(([type, { current, validators }]) => [type, { schemaVersion: current, schema: validators[validators.length - 1]!.Type() }]),
    );
  }

  /** The event in stored form, its data and metadata checked; `schemaVersion` is the current one. */
  encode(event: E, metadata: Omit<WriterMetadata, 'schemaVersion'>): EncodedEvent {
    const encoded = { type: event.type, data: event.data as JsonObject, metadata: { ...metadata, schemaVersion: this.currentVersion(event.type) } };
    this.checkAppend(`${event.type}`, encoded);
    return encoded;
  }

  /**
   * What a store runs on every event before it appends it: a known type, a known schema version,
   * data valid for that version, the writer's metadata valid. Throws MalformedEventError.
   */
  checkAppend(where: string, event: { readonly type: string; readonly data: unknown; readonly metadata?: unknown }): void {
    const compiled = this.compiled(event.type, where);
    const metadata = withoutStoreKeys(event.metadata);
    if (!writerMetadata.Check(metadata)) throw new MalformedEventError(where, issues(writerMetadata, metadata, 'metadata'));
    const validator = compiled.validators[metadata.schemaVersion - 1 - compiled.retired] ?? refuseVersion(compiled, metadata.schemaVersion, where);
    if (!validator.Check(event.data)) throw new MalformedEventError(where, issues(validator, event.data, 'data'));
  }

  /**
   * The one way a stored event becomes a typed one: validated as written, then upcast to the
   * current version. Runs for every event a reader sees, so the valid path allocates only the
   * result; where an event is refused is spelled out only when it is.
   */
  decode(stored: StoredEvent): DecodedEvent<E> {
    const compiled = this.types.get(stored.type) ?? this.compiled(stored.type, whereStored(stored));
    const metadata = stored.metadata;
    if (!storedMetadata.Check(metadata)) throw new MalformedEventError(whereStored(stored), issues(storedMetadata, metadata, 'metadata'));
    let version = metadata.schemaVersion;
    const validator = compiled.validators[version - 1 - compiled.retired] ?? refuseVersion(compiled, version, whereStored(stored));
    if (!validator.Check(stored.data)) throw new MalformedEventError(whereStored(stored), issues(validator, stored.data, 'data'));
    let data = stored.data;
    for (; version < compiled.current; version++) data = compiled.upcasts[version - 1 - compiled.retired]!(data);
    return {
      event: { type: compiled.type, data } as E,
      eventId: stored.eventId,
      streamId: stored.streamId,
      revision: stored.revision,
      position: stored.position,
      recordedAt: stored.recordedAt,
    };
  }

  private compiled(type: string, where: string): CompiledType {
    const compiled = this.types.get(type);
    if (compiled === undefined) {
      throw new MalformedEventError(where, [{ path: 'type', message: `"${type}" is not an event type of ${this.streamPrefix}* streams` }]);
    }
    return compiled;
  }
}

/** The refusal of a schema version the contract does not read: unknown, or retired. */
function refuseVersion(compiled: CompiledType, version: number, where: string): never {
  const why = version >= 1 && version <= compiled.retired ? `schema version ${version} of ${compiled.type} is retired` : `${compiled.type} has no schema version ${version}`;
  throw new MalformedEventError(where, [{ path: 'metadata.schemaVersion', message: why }]);
}

/** `agreement-kotka-2023@4` */
function whereStored(stored: StoredEvent): string {
  return `${stored.streamId}@${stored.revision}`;
}

function withoutStoreKeys(metadata: unknown): unknown {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return metadata;
  const rest: Record<string, unknown> = { ...metadata };
  for (const key of STORE_METADATA_KEYS) delete rest[key];
  return rest;
}

function issues(validator: Validator, value: unknown, root: string): ContractIssue[] {
  // Only the failing path pays for error collection; a valid event costs one compiled check.
  return validator.Errors(value).map((error) => ({ path: root + pointerToPath(error.instancePath), message: error.message }));
}

/** `/parties/0/partyId` → `.parties[0].partyId` */
function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
}

/**
 * The OpenAPI document as the server serves it, read the way a client generator would: request
 * schemas by operation, `$ref`s followed, a `oneOf` narrowed by its discriminator.
 */
import { isPlainObject } from './json-body.js';

export type Schema = { readonly [keyword: string]: unknown };

interface Operation {
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: Schema }> };
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { readonly schemas?: Record<string, Schema> };
}

const LOCAL_REF = '#/components/schemas/';

/** The schema itself, with `$ref`s followed. */
export function resolved(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    const target = ref.startsWith(LOCAL_REF) ? doc.components?.schemas?.[ref.slice(LOCAL_REF.length)] : undefined;
    if (!target || hops > 16) throw new Error(`the document does not resolve ${ref}`);
    current = target;
  }
  return current;
}

/** "post /api/agreements/{id}/decisions" → the JSON request body's schema, resolved. */
export function requestSchema(doc: OpenApiDocument, operationKey: string): Schema {
  const [method, path] = operationKey.split(' ') as [string, string];
  const schema = doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the document has no JSON request body for ${operationKey}`);
  return resolved(doc, schema);
}

/** The operations of the document that take a JSON body under `prefix`, as "method path". */
export function operationsWithBody(doc: OpenApiDocument, prefix: string): string[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    path.startsWith(prefix)
      ? Object.entries(operations)
          .filter(([, operation]) => operation.requestBody?.content?.['application/json'] !== undefined)
          .map(([method]) => `${method} ${path}`)
      : [],
  );
}

/**
 * The alternative of a `oneOf` that `value` claims by its discriminator (undefined when it claims
 * none); a schema without `oneOf` is its own alternative.
 */
export function alternativeFor(doc: OpenApiDocument, schema: Schema, value: unknown): Schema | undefined {
  const alternatives = schema.oneOf as Schema[] | undefined;
  if (!alternatives) return schema;
  const discriminator = schema.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (!discriminator) throw new Error('a oneOf without a discriminator: the fuzz test cannot tell its alternatives apart');
  const claimed = isPlainObject(value) ? value[discriminator.propertyName] : undefined;
  const ref = typeof claimed === 'string' && Object.hasOwn(discriminator.mapping ?? {}, claimed) ? discriminator.mapping![claimed] : undefined;
  return ref === undefined ? undefined : resolved(doc, { $ref: ref });
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Operation, Parameter } from './json-schema.js';
import { OPERATIONS, QUERY_PARAMETERS, type OperationDoc } from './operations.js';
import { eventSchemas } from './event-schemas.js';
import { requestSchemas } from './request-schemas.js';
import { RESPONSE_SCHEMAS } from './response-schemas.js';
import { CHECKPOINT_SCHEMAS } from './checkpoint-operations.js';

/** This package's version, found upward from this module (it runs from src/ in tests, dist/src/ in production). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

/**
 * The OpenAPI 3 document: routes from the controllers, request schemas from the validation
 * decorators, everything else from the operations table. Served at /api/openapi.json and
 * /api/docs, both open.
 */
export function setupOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('agreement-ledger')
    .setDescription(
      'Event-sourced approval ledger for cooperation agreements between Finnish wellbeing services counties, ' +
        'municipalities and regional councils. Errors are RFC 9457 problem documents.',
    )
    .setVersion(packageVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a ledger token (ldg_…) or an OIDC access token' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...requestSchemas(), ...RESPONSE_SCHEMAS, ...CHECKPOINT_SCHEMAS, ...eventSchemas() } as never };
  for (const [key, doc] of Object.entries(OPERATIONS)) {
    const [method, path] = key.split(' ') as [string, string];
    const operation = (document.paths[path] as Record<string, Operation> | undefined)?.[method];
    if (!operation) throw new Error(`OpenAPI: ${key} is documented but no controller serves it`);
    describe(operation, doc);
  }
  SwaggerModule.setup('api/docs', app, document, {
    swaggerUiEnabled: false,
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
  return document;
}

function describe(operation: Operation, doc: OperationDoc): void {
  operation.summary = doc.summary;
  operation.security = doc.public ? [] : [{ bearer: [] }];
  const pathParameters = (operation.parameters ?? []).filter((p) => p.in === 'path');
  // Commands take JSON and carry idempotency and concurrency headers; a text body (a cosignature) does not.
  const command = doc.request !== undefined && doc.requestMediaType === undefined;
  operation.parameters = [
    ...pathParameters,
    ...(doc.query ?? []).map((name): Parameter => ({ name, in: 'query', required: false, ...QUERY_PARAMETERS[name]! })),
    ...(command ? [{ name: 'Idempotency-Key', in: 'header' as const, required: false, schema: { type: 'string' as const, maxLength: 255 } }] : []),
    ...(command ? [{ name: 'If-Match', in: 'header' as const, required: false, schema: { type: 'string' as const, example: '"7"' } }] : []),
  ];
  if (doc.request) {
    operation.requestBody = { required: true, content: { [doc.requestMediaType ?? 'application/json']: { schema: { $ref: `#/components/schemas/${doc.request}` } } } };
  } else {
    delete operation.requestBody;
  }
  operation.responses = {
    [doc.response.status]: {
      description: doc.response.status === 201 ? 'Created' : doc.response.status === 204 ? 'No Content' : 'OK',
      ...(doc.response.schema && { content: { [doc.response.mediaType ?? 'application/json']: { schema: { $ref: `#/components/schemas/${doc.response.schema}` } } } }),
    },
    ...Object.fromEntries(
      doc.problems.map((status) => [
        status,
        { description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      ]),
    ),
  };
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'malformed JSON, failed validation or unknown fields',
  401: 'no or bad credentials',
  403: 'credentials without the right',
  404: 'unknown (or not visible) agreement, version or token',
  409: 'the agreement id is taken, a race could not be retried, or the Idempotency-Key is still in flight',
  412: 'If-Match did not match the stream revision',
  413: 'body over the limit',
  422: "the ledger's rules refuse the command, or the Idempotency-Key was used for another request",
  429: 'over the rate limit',
  503: 'minPosition not reached within 5 s, or the store or projections are down',
};

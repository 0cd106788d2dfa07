import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestApp, type TestApp } from './support/test-app.js';

/** API.md's endpoints: each must be in the document, with its schemas and its problems. */
const API = [
  'post /api/agreements',
  'post /api/agreements/{id}/amendments',
  'post /api/agreements/{id}/decisions',
  'post /api/agreements/{id}/annulments',
  'post /api/agreements/{id}/annulments/{annulmentId}/reversal',
  'post /api/agreements/{id}/appeals',
  'post /api/agreements/{id}/appeals/{appealId}/resolution',
  'post /api/agreements/{id}/signatures',
  'post /api/agreements/{id}/termination',
  'delete /api/agreements/{id}/termination',
  'get /api/agreements',
  'get /api/agreements/{id}',
  'get /api/agreements/{id}/status',
  'get /api/agreements/{id}/versions',
  'get /api/agreements/{id}/versions/{n}',
  'get /api/agreements/{id}/events',
  'get /api/agreements/{id}/verify',
  'get /api/parties/{partyId}/pending',
  'get /api/health',
  'get /api/health/live',
  'get /api/health/ready',
  'get /metrics',
  'get /api/checkpoint',
  'get /api/digest',
  'get /api/checkpoints',
  'post /api/checkpoints/cosignatures',
  'get /api/keys',
  'get /api/proofs/inclusion',
  'get /api/proofs/consistency',
];

/** API.md's webhook endpoints. */
const WEBHOOK_API = [
  'post /api/webhooks',
  'get /api/webhooks',
  'get /api/webhooks/{id}',
  'delete /api/webhooks/{id}',
  'post /api/webhooks/{id}/rotate',
  'post /api/webhooks/{id}/enable',
  'get /api/webhooks/{id}/deliveries',
  'post /api/webhooks/{id}/deliveries/{deliveryId}/retry',
  'post /api/webhooks/{id}/recover',
];

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('is served without credentials and is a valid OpenAPI 3 document', async () => {
    const res = await fetch(`${t.api}/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as { openapi: string };
    expect(document.openapi).toMatch(/^3\./);
    expect(await new Validator().validate(document)).toEqual({ valid: true });
  });

  it('covers every endpoint of API.md with a success schema and problem responses', async () => {
    const document = (await (await fetch(`${t.api}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; requestBody?: unknown }>>;
    };
    for (const endpoint of API) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const operation = document.paths[path]?.[method];
      expect({ endpoint, documented: operation !== undefined }).toEqual({ endpoint, documented: true });
      const statuses = Object.keys(operation!.responses);
      expect(statuses.some((s) => s.startsWith('2'))).toBe(true);
      if (!path.startsWith('/api/health')) expect(operation!.responses['401']?.content).toHaveProperty(['application/problem+json']);
      if (method === 'post' || path === '/api/agreements/{id}/termination') {
        expect(operation!.requestBody).toBeDefined();
        expect(operation!.responses['422']).toBeDefined();
      }
    }
  });

  it('documents the calendar feeds, the feed itself open and served as text/calendar', async () => {
    const { paths } = (await (await fetch(`${t.api}/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
    expect(paths['/api/calendar-feeds']?.post).toMatchObject({ requestBody: expect.anything(), responses: { '201': expect.anything(), '400': expect.anything() } });
    expect(paths['/api/calendar-feeds']?.get?.responses['200']).toBeDefined();
    expect(paths['/api/calendar-feeds/{id}']?.delete?.responses).toMatchObject({ '204': expect.anything(), '404': expect.anything() });
    const feed = paths['/api/calendar/{feedFile}']?.get;
    expect(feed?.responses['200']?.content).toHaveProperty(['text/calendar; charset=utf-8']);
    expect(feed?.responses['401']).toBeUndefined();
  });

  it('describes the force rule, bound spokes and parts in the responses', async () => {
    const { components } = (await (await fetch(`${t.api}/openapi.json`)).json()) as { components: { schemas: Record<string, any> } };
    expect(components.schemas.Status.properties.boundParties).toMatchObject({ type: 'array', nullable: true, items: { required: ['partyId', 'version', 'since'] } });
    expect(components.schemas.Agreement.allOf[1].properties).toMatchObject({
      forceRule: { $ref: '#/components/schemas/ForceRuleDto' },
      partOf: { nullable: true },
      parts: { items: { $ref: '#/components/schemas/AgreementSummary' } },
    });
    expect(components.schemas.Version.properties.inForce.items.properties.partyId).toMatchObject({ type: 'string' });
  });

  it('derives request schemas from the validation rules (formats, enums, nested parts)', async () => {
    const document = (await (await fetch(`${t.api}/openapi.json`)).json()) as { components: { schemas: Record<string, any> } };
    const { schemas } = document.components;
    expect(schemas.DraftAgreementRequest.required).toEqual(expect.arrayContaining(['title', 'region', 'kind', 'parties', 'document', 'annexes']));
    expect(schemas.DraftAgreementRequest.properties.parties).toMatchObject({ type: 'array', minItems: 2, items: { $ref: '#/components/schemas/PartyDto' } });
    expect(schemas.PartyDto.properties.partyId).toMatchObject({ type: 'string', pattern: expect.any(String) });
    expect(schemas.DocumentDto.properties.sha256).toMatchObject({ pattern: '^[0-9a-f]{64}$' });
    expect(schemas.RecordDecisionRequest.properties.outcome.enum).toContain('approved-amended');
    expect(schemas.AmendAgreementRequest.properties.changes.items.discriminator.propertyName).toBe('op');
    expect(schemas.AmendAgreementRequest.properties.changes.items.discriminator.mapping['revise-term']).toBe('#/components/schemas/ReviseTermChange');
    // A term's end is a date, or null to clear it: OpenAPI 3.0 says so with `nullable`.
    expect(schemas.ReviseTermChange.properties.effectiveUntil).toMatchObject({ type: 'string', format: 'date', nullable: true });
    expect(schemas.DraftAgreementRequest.properties.effectiveUntil).toMatchObject({ type: 'string', format: 'date' });
    // Annulments name their decision by id; reversals name the annulment in the path.
    expect(schemas.AnnulDecisionRequest.required).toEqual(expect.arrayContaining(['decisionId', 'annulledOn', 'authority', 'reason']));
    expect(schemas.DraftAgreementRequest.properties.forceRule).toMatchObject({ $ref: '#/components/schemas/ForceRuleDto' });
    expect(schemas.ForceRuleDto.properties.kind.enum).toEqual(['all-parties', 'hub-and-spoke']);
    expect(schemas.AnnulDecisionRequest.properties).not.toHaveProperty('decidedOn');
    expect(schemas.ReverseAnnulmentRequest.required).toEqual(expect.arrayContaining(['reversedOn', 'authority', 'reason']));
    expect(schemas.Version.properties.decisions.items.properties).toHaveProperty('decisionId');
    expect(schemas.Version.properties.decisions.items.properties).toHaveProperty('reversedOn');
    // A party's bodies, and revise-party to change them.
    expect(schemas.PartyDto.properties.competentBodyKind.enum).toEqual(['council', 'board', 'other']);
    expect(schemas.PartyDto.properties.otherBodies).toMatchObject({ type: 'array', maxItems: 50 });
    expect(schemas.PartyDto.properties.bodyAliases).toMatchObject({ type: 'array' });
    // The examples declare the board whose proposal they record.
    expect(schemas.PartyDto.example.otherBodies).toContain(schemas.RecordDecisionRequest.example.body);
    expect(schemas.AmendAgreementRequest.properties.changes.items.discriminator.mapping['revise-party']).toBe('#/components/schemas/RevisePartyChange');
  });

  it('publishes the event contract: each event type\'s data schema and the stored metadata, as the stores validate them', async () => {
    const document = (await (await fetch(`${t.api}/openapi.json`)).json()) as { components: { schemas: Record<string, any> } };
    const { schemas } = document.components;
    expect(schemas.StoredEvent.properties.data.anyOf).toContainEqual({ $ref: '#/components/schemas/DecisionRecordedData' });
    // A party body's decision or a joint body's (schema version 3).
    const [byParty, byJointBody] = schemas.DecisionRecordedData.anyOf;
    expect(byParty).toMatchObject({ type: 'object', additionalProperties: false, required: expect.arrayContaining(['partyId', 'body', 'meeting', 'decidedOn']) });
    expect(byJointBody).toMatchObject({ type: 'object', additionalProperties: false, required: expect.arrayContaining(['jointBody', 'meeting', 'decidedOn']) });
    expect(byParty.properties.outcome.anyOf).toContainEqual({ type: 'string', enum: ['approved'] });
    expect(schemas.EventMetadata.required).toEqual(expect.arrayContaining(['hashVersion', 'prevHash', 'hash', 'schemaVersion']));
    const reviseTerm = schemas.AgreementAmendedData.properties.changes.items.anyOf.find((change: any) => change.properties.op.enum[0] === 'revise-term');
    expect(reviseTerm.properties.effectiveFrom).toMatchObject({ type: 'string', format: 'date', nullable: true });
  });

  it('documents the webhook endpoints with their request and response schemas', async () => {
    const document = (await (await fetch(`${t.api}/openapi.json`)).json()) as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
    for (const endpoint of WEBHOOK_API) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const operation = document.paths[path]?.[method];
      expect({ endpoint, documented: operation !== undefined }).toEqual({ endpoint, documented: true });
      expect(operation.responses['401']?.content).toHaveProperty(['application/problem+json']);
      expect(operation.responses['404']).toBeDefined();
    }
    const { schemas } = document.components;
    expect(schemas.CreateWebhookRequest.required).toEqual(['url']);
    expect(schemas.CreateWebhookRequest.properties.signing.enum).toEqual(['v1', 'v1a']);
    expect(schemas.Webhook.properties.status.enum).toEqual(['active', 'disabled']);
    expect(schemas.Delivery.properties.attempts.items.properties.trigger.enum).toEqual(['scheduled', 'manual']);
    expect(document.paths['/api/webhooks'].post.responses['422']).toBeDefined();
  });

  it('serves the viewer at /api/docs', async () => {
    const res = await fetch(`${t.api}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('swagger');
  });
});

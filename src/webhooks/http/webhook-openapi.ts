import type { Schema } from '../../openapi/json-schema.js';

/** The webhook endpoints in the OpenAPI document (shapes of operations.ts's table). */
const PROBLEMS = [400, 401, 403, 404, 429];

export const WEBHOOK_OPERATIONS = {
  'post /api/webhooks': { summary: 'Subscribe: the answer carries the v1 secret (shown once) or the v1a public key', request: 'CreateWebhookRequest', response: { status: 201, schema: 'CreatedWebhook' }, problems: [...PROBLEMS, 413, 422] },
  'get /api/webhooks': { summary: 'Your webhook subscriptions (all of them for an admin without a region limit)', response: { status: 200, schema: 'WebhookList' }, query: ['limit', 'offset'], problems: PROBLEMS },
  'get /api/webhooks/{id}': { summary: 'One webhook subscription', response: { status: 200, schema: 'Webhook' }, problems: PROBLEMS },
  'delete /api/webhooks/{id}': { summary: 'Unsubscribe; its deliveries go too', response: { status: 204 }, problems: PROBLEMS },
  'post /api/webhooks/{id}/rotate': { summary: 'A new secret or key pair; for 24 h every delivery carries both signatures', response: { status: 200, schema: 'CreatedWebhook' }, problems: PROBLEMS },
  'post /api/webhooks/{id}/enable': { summary: 'Re-enable a disabled subscription; its pending messages resume', response: { status: 200, schema: 'Webhook' }, problems: PROBLEMS },
  'get /api/webhooks/{id}/deliveries': { summary: 'Messages to the subscription with every attempt (?status=pending|delivered|failed)', response: { status: 200, schema: 'DeliveryList' }, query: ['limit', 'offset'], problems: PROBLEMS },
  'post /api/webhooks/{id}/deliveries/{deliveryId}/retry': { summary: 'Send one failed message again', response: { status: 202, schema: 'Delivery' }, problems: [...PROBLEMS, 422] },
  'post /api/webhooks/{id}/recover': { summary: 'Queue every message that failed since a moment again', request: 'RecoverWebhookRequest', response: { status: 202, schema: 'Recovery' }, problems: [...PROBLEMS, 413, 422] },
} as const;

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const nullableStr: Schema = { type: 'string', nullable: true };
const int: Schema = { type: 'integer' };
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  ...(required.length > 0 && { required }), // OpenAPI 3.0 refuses an empty list
});

const webhook = object(
  {
    id: str(),
    url: str(),
    eventTypes: { type: 'array', items: str() },
    agreementId: nullableStr,
    partyId: nullableStr,
    description: nullableStr,
    signing: str({ enum: ['v1', 'v1a'] }),
    publicKey: str({ description: 'v1a: whpk_ + base64 of the Ed25519 public key' }),
    previousKeyValidUntil: str({ description: 'during a rotation: until when the previous key signs too' }),
    status: str({ enum: ['active', 'disabled'] }),
    disabledReason: nullableStr,
    createdAt: str(),
  },
  ['id', 'url', 'eventTypes', 'agreementId', 'partyId', 'description', 'signing', 'status', 'disabledReason', 'createdAt'],
);

const attempt = object(
  {
    attempt: int,
    at: str(),
    trigger: str({ enum: ['scheduled', 'manual'] }),
    statusCode: { type: 'integer', description: '0 = no response' },
    durationMs: int,
    error: str(),
    responseBody: str({ description: 'the first 2 KiB' }),
  },
  ['attempt', 'at', 'trigger', 'statusCode', 'durationMs', 'responseBody'],
);

export const WEBHOOK_RESPONSE_SCHEMAS: Record<string, Schema> = {
  Webhook: webhook,
  WebhookList: object({ items: { type: 'array', items: ref('Webhook') }, total: int }),
  CreatedWebhook: { allOf: [ref('Webhook'), object({ secret: str({ description: 'v1: whsec_ + base64, shown only here' }) }, [])] },
  Delivery: object({
    deliveryId: str({ description: 'the webhook-id header, the same on every attempt' }),
    eventType: str(),
    position: str(),
    status: str({ enum: ['pending', 'delivered', 'failed'] }),
    attempts: { type: 'array', items: attempt },
    nextAttemptAt: nullableStr,
    createdAt: str(),
  }),
  DeliveryList: object({ items: { type: 'array', items: ref('Delivery') }, total: int }),
  Recovery: object({ requeued: int }),
};

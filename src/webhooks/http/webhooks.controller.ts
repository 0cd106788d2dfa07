import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { CurrentPrincipal } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import type { Delivery } from '../outbox.js';
import { WebhookSubscriptions, type KeyView, type WebhookView } from '../webhook-subscriptions.js';
import { CreateWebhookRequest, ListDeliveriesQuery, ListWebhooksQuery, RecoverWebhookRequest } from './webhook-requests.dto.js';
import { WebhookProblemsFilter } from './webhook-problems.filter.js';

const DEFAULT_LIMIT = 50;

/** API.md "Webhooks": subscriptions, their keys and their deliveries. */
@UseFilters(WebhookProblemsFilter)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWebhookRequest): Promise<WebhookView & KeyView> {
    return this.webhooks.create(principal, body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListWebhooksQuery): Promise<{ items: WebhookView[]; total: number }> {
    return this.webhooks.list(principal, { limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 });
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.get(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.webhooks.delete(principal, id);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  rotate(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WebhookView & KeyView> {
    return this.webhooks.rotate(principal, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.enable(principal, id);
  }

  @Get(':id/deliveries')
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: ListDeliveriesQuery): Promise<{ items: Delivery[]; total: number }> {
    return this.webhooks.deliveries(principal, id, { ...(query.status !== undefined && { status: query.status }), limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 });
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  retry(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<Delivery> {
    return this.webhooks.retry(principal, id, deliveryId);
  }

  @Post(':id/recover')
  @HttpCode(202)
  recover(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: RecoverWebhookRequest): Promise<{ requeued: number }> {
    return this.webhooks.recover(principal, id, new Date(body.since));
  }
}

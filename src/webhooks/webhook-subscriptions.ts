import { decodeAgreementEvent } from '../core/agreement-contract.js';
import { agreementStreamId } from '../core/stream-names.js';
import { canSee } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import type { WebhookConfig } from '../config/ledger-config.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { projectAgreement } from '../../projections/index.js';
import { checkDestination, DestinationRefused } from './destination-guard.js';
import type { Delivery, DeliveryStatus } from './outbox.js';
import type { SigningScheme } from './signatures.js';
import type { WebhookSubscription } from './subscription-store.js';
import type { OutboxStorage, SubscriptionStorage } from './webhook-storage.js';
import { WebhookError } from './webhook-errors.js';
import { scopeOfProjection } from './webhook-messages.js';

export interface NewWebhook {
  readonly url: string;
  readonly eventTypes?: readonly string[];
  readonly agreementId?: string;
  readonly partyId?: string;
  readonly description?: string;
  readonly signing?: SigningScheme;
}

/** A subscription as the API shows it: never its secret; a v1a public key always. */
export interface WebhookView {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly agreementId: string | null;
  readonly partyId: string | null;
  readonly description: string | null;
  readonly signing: SigningScheme;
  readonly publicKey?: string;
  /** During a rotation: until when the previous key signs too. */
  readonly previousKeyValidUntil?: string;
  readonly status: 'active' | 'disabled';
  readonly disabledReason: string | null;
  readonly createdAt: string;
}

/** The key a subscriber needs: the v1 secret (shown only here) or the v1a public key. */
export type KeyView = { readonly secret: string } | { readonly publicKey: string };

/** Tells the delivery worker that a message became due (a retry, a recovery, an enabled subscription). */
export interface DeliveryWake {
  wake(): void;
}

/**
 * The webhook API's rules. Clerks subscribe only for their own party's agreements, region admins
 * within their region, unrestricted admins (and auditors, who read everything) anywhere; the
 * dispatcher then sends a subscription only what its owner may read. A subscription is seen and
 * managed by its owner, and by an admin without a region limit.
 */
export class WebhookSubscriptions {
  constructor(
    private readonly store: EventStore,
    private readonly subscriptions: SubscriptionStorage,
    private readonly outbox: OutboxStorage,
    private readonly delivery: DeliveryWake,
    private readonly config: WebhookConfig,
    private readonly now: () => Date,
  ) {}

  async create(principal: Principal, request: NewWebhook): Promise<WebhookView & KeyView> {
    if (principal.role === 'clerk' && request.partyId !== undefined && request.partyId !== principal.partyId) {
      throw new WebhookError('forbidden', `a clerk of ${principal.partyId} subscribes only for that party's agreements`);
    }
    if (request.agreementId !== undefined) await this.requireVisibleAgreement(principal, request.agreementId);
    try {
      await checkDestination(request.url, this.config);
    } catch (error) {
      if (error instanceof DestinationRefused) throw new WebhookError('refused', error.message, 'url', 'destination-refused');
      throw error;
    }
    const subscription = await this.subscriptions.create({
      url: request.url,
      eventTypes: [...new Set(request.eventTypes ?? [])],
      agreementId: request.agreementId ?? null,
      partyId: request.partyId ?? null,
      description: request.description ?? null,
      signing: request.signing ?? 'v1',
      owner: { id: principal.id, name: principal.name, role: principal.role, partyId: principal.partyId, region: principal.region },
      // What was in the log before the subscription existed is not news to it.
      startsAfter: (await this.store.headPosition()) ?? null,
    });
    return { ...view(subscription, this.now()), ...keyView(subscription) };
  }

  async list(principal: Principal, page: { limit: number; offset: number }): Promise<{ items: WebhookView[]; total: number }> {
    const mine = (await this.subscriptions.list()).filter((subscription) => manages(principal, subscription));
    return { items: mine.slice(page.offset, page.offset + page.limit).map((subscription) => view(subscription, this.now())), total: mine.length };
  }

  async get(principal: Principal, id: string): Promise<WebhookView> {
    return view(await this.managed(principal, id), this.now());
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.subscriptions.delete((await this.managed(principal, id)).id);
  }

  async rotate(principal: Principal, id: string): Promise<WebhookView & KeyView> {
    const rotated = (await this.subscriptions.rotate((await this.managed(principal, id)).id))!;
    return { ...view(rotated, this.now()), ...keyView(rotated) };
  }

  async enable(principal: Principal, id: string): Promise<WebhookView> {
    const enabled = (await this.subscriptions.enable((await this.managed(principal, id)).id))!;
    this.delivery.wake();
    return view(enabled, this.now());
  }

  async deliveries(principal: Principal, id: string, query: { status?: DeliveryStatus; limit: number; offset: number }): Promise<{ items: Delivery[]; total: number }> {
    return this.outbox.deliveries((await this.managed(principal, id)).id, query);
  }

  async retry(principal: Principal, id: string, deliveryId: string): Promise<Delivery> {
    const subscription = await this.managed(principal, id);
    const delivery = await this.outbox.delivery(subscription.id, deliveryId);
    if (delivery === undefined) throw new WebhookError('not-found', `there is no delivery ${deliveryId} of webhook ${id}`);
    if (!(await this.outbox.retry(subscription.id, deliveryId))) {
      throw new WebhookError('refused', `delivery ${deliveryId} is ${delivery.status}: only a failed one is sent again`, 'deliveryId', 'delivery-not-failed');
    }
    this.delivery.wake();
    return (await this.outbox.delivery(subscription.id, deliveryId))!;
  }

  async recover(principal: Principal, id: string, since: Date): Promise<{ requeued: number }> {
    const requeued = await this.outbox.recover((await this.managed(principal, id)).id, since);
    this.delivery.wake();
    return { requeued };
  }

  private async managed(principal: Principal, id: string): Promise<WebhookSubscription> {
    const subscription = await this.subscriptions.get(id);
    if (subscription === undefined || !manages(principal, subscription)) throw new WebhookError('not-found', `there is no webhook ${id}`);
    return subscription;
  }

  private async requireVisibleAgreement(principal: Principal, agreementId: string): Promise<void> {
    const agreement = projectAgreement((await this.store.readStream(agreementStreamId(agreementId))).map(decodeAgreementEvent));
    if (agreement.status !== 'drafted' || !canSee(principal, scopeOfProjection(agreement))) {
      throw new WebhookError('refused', `there is no agreement ${agreementId} that you can see`, 'agreementId', 'unknown-agreement');
    }
  }
}

function manages(principal: Principal, subscription: WebhookSubscription): boolean {
  return subscription.owner.id === principal.id || (principal.role === 'admin' && principal.region === undefined);
}

function view(subscription: WebhookSubscription, now: Date): WebhookView {
  const { id, url, eventTypes, agreementId, partyId, description, signing, status, disabledReason, createdAt, key, previousKeyUntil } = subscription;
  return {
    id,
    url,
    eventTypes,
    agreementId,
    partyId,
    description,
    signing,
    ...(key.scheme === 'v1a' && { publicKey: key.publicKey }),
    ...(previousKeyUntil !== null && now < new Date(previousKeyUntil) && { previousKeyValidUntil: previousKeyUntil }),
    status,
    disabledReason,
    createdAt,
  };
}

function keyView(subscription: WebhookSubscription): KeyView {
  const { key } = subscription;
  return key.scheme === 'v1' ? { secret: key.secret } : { publicKey: key.publicKey };
}

import { decodeAgreementEvent } from '../core/agreement-contract.js';
import { agreementStreamId } from '../core/stream-names.js';
import { canSee } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import type { WebhookConfig } from '../config/ledger-config.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { projectAgreement } from '../../projections/index.js';
import { checkDestination, DestinationRefused } from './destination-guard.js';
import type { Delivery, DeliveryStatus, Outbox } from './outbox.js';
import type { SigningScheme } from './signatures.js';
import type { SubscriptionStore, WebhookSubscription } from './subscription-store.js';
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
    private readonly subscriptions: SubscriptionStore,
    private readonly outbox: Outbox,
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
    const subscription = this.subscriptions.create({
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

  list(principal: Principal, page: { limit: number; offset: number }): { items: WebhookView[]; total: number } {
    const mine = this.subscriptions.list().filter((subscription) => manages(principal, subscription));
    return { items: mine.slice(page.offset, page.offset + page.limit).map((subscription) => view(subscription, this.now())), total: mine.length };
  }

  get(principal: Principal, id: string): WebhookView {
    return view(this.managed(principal, id), this.now());
  }

  delete(principal: Principal, id: string): void {
    this.subscriptions.delete(this.managed(principal, id).id);
  }

  rotate(principal: Principal, id: string): WebhookView & KeyView {
    const rotated = this.subscriptions.rotate(this.managed(principal, id).id)!;
    return { ...view(rotated, this.now()), ...keyView(rotated) };
  }

  enable(principal: Principal, id: string): WebhookView {
    const enabled = this.subscriptions.enable(this.managed(principal, id).id)!;
    this.delivery.wake();
    return view(enabled, this.now());
  }

  deliveries(principal: Principal, id: string, query: { status?: DeliveryStatus; limit: number; offset: number }): { items: Delivery[]; total: number } {
    return this.outbox.deliveries(this.managed(principal, id).id, query);
  }

  retry(principal: Principal, id: string, deliveryId: string): Delivery {
    const subscription = this.managed(principal, id);
    const delivery = this.outbox.delivery(subscription.id, deliveryId);
    if (delivery === undefined) throw new WebhookError('not-found', `there is no delivery ${deliveryId} of webhook ${id}`);
    if (!this.outbox.retry(subscription.id, deliveryId)) {
      throw new WebhookError('refused', `delivery ${deliveryId} is ${delivery.status}: only a failed one is sent again`, 'deliveryId', 'delivery-not-failed');
    }
    this.delivery.wake();
    return this.outbox.delivery(subscription.id, deliveryId)!;
  }

  recover(principal: Principal, id: string, since: Date): { requeued: number } {
    const requeued = this.outbox.recover(this.managed(principal, id).id, since);
    this.delivery.wake();
    return { requeued };
  }

  private managed(principal: Principal, id: string): WebhookSubscription {
    const subscription = this.subscriptions.get(id);
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

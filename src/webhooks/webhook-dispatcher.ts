import { decodeAgreementEvent } from '../core/agreement-contract.js';
import type { IsoDate } from '../core/agreement-events.js';
import type { CouncilTerms } from '../core/council-terms.js';
import { helsinkiDate } from '../core/helsinki-date.js';
import { agreementIdOf, agreementStreamId } from '../core/stream-names.js';
import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port.js';
import {
  evolve,
  factsOf,
  forceTransitions,
  initialAgreementProjection,
  obligationNotices,
  revisionOf,
  transitionsOf,
  upcomingNoticeDays,
  type AgreementProjection,
  type DraftedAgreement,
  type ForceTransition,
  type ObligationNotice,
} from '../../projections/index.js';
import { mayReceive } from './subscription-access.js';
import type { NewMessage } from './outbox.js';
import type { SubscriptionOwner } from './subscription-store.js';
import type { OutboxStorage, SubscriptionStorage } from './webhook-storage.js';
import { eventData, matchesType, messageBody, noticeData, noticeType, transitionData, transitionType, webhookType, type MessageData } from './webhook-messages.js';

export interface DispatcherOptions {
  readonly now: () => Date;
  /** Called after messages were written, so the delivery worker looks at once. */
  readonly onMessages?: () => void;
  readonly onError?: (error: unknown) => void;
  /** Agreement states kept in memory between events. */
  readonly stateCapacity?: number;
  /** Whether a subscription's owner may still read at all (a revoked token may not). */
  readonly ownerStands?: (owner: SubscriptionOwner) => boolean | Promise<boolean>;
  /** The council terms and reminder days of obligation.due_soon / obligation.overdue; absent: none are sent. */
  readonly obligations?: { readonly councilTerms: CouncilTerms; readonly reminderDays: number };
}

/** One announcement before it is addressed to subscriptions. */
interface Announcement {
  readonly type: string;
  readonly source: string;
  readonly timestamp: string;
  readonly data: MessageData;
}

/**
 * The webhook dispatcher, a log consumer with its own checkpoint. For each event it folds the
 * agreement's projection, announces the event and the force transitions it caused that have
 * taken effect, and writes one message per matching subscription to the outbox in the same
 * transaction that moves its checkpoint: a crash before the commit redoes the event, one after
 * it has the messages. Transitions dated ahead are noted by date; when the Helsinki date reaches
 * them (checked every minute and at start, so also after downtime) they are announced from the
 * projection as it then stands — a termination withdrawn meanwhile announces nothing. Obligation
 * notices (obligation.due_soon, obligation.overdue) ride the same dates: each agreement's next
 * notice days are noted with its events and, when swept, the days after them.
 */
export class WebhookDispatcher {
  private readonly states = new Map<string, AgreementProjection>();
  private position?: string;
  private sweptThrough!: IsoDate;
  private subscription?: Subscription;
  private running?: Promise<void>;
  /** Events and date sweeps run one after another. */
  private serial: Promise<unknown> = Promise.resolve();
  private dateTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly outbox: OutboxStorage,
    private readonly subscriptions: SubscriptionStorage,
    private readonly options: DispatcherOptions,
  ) {}

  async start(): Promise<void> {
    const checkpoint = await this.outbox.checkpoint();
    if (checkpoint === undefined) {
      // The first start begins at the log's head: nothing that happened before webhooks existed is announced.
      this.position = await this.store.headPosition();
      this.sweptThrough = this.today();
      await this.outbox.commit({ messages: [], ...(this.position !== undefined && { position: this.position }), sweptThrough: this.sweptThrough });
    } else {
      this.position = checkpoint.position;
      this.sweptThrough = checkpoint.sweptThrough;
    }
    await this.checkDate();
    this.subscription = this.store.subscribeAll({ fromPosition: this.position });
    this.running = this.consume(this.subscription).catch((error: unknown) => this.options.onError?.(error));
    this.dateTimer = setInterval(() => void this.checkDate().catch((error: unknown) => this.options.onError?.(error)), 60_000);
    this.dateTimer.unref();
  }

  /** Announces the transitions whose date has arrived since the last look. */
  checkDate(): Promise<void> {
    return this.exclusive(() => this.sweep(this.today()));
  }

  async stop(): Promise<void> {
    clearInterval(this.dateTimer);
    await this.subscription?.close();
    await this.running;
    await this.serial;
  }

  private async consume(subscription: Subscription): Promise<void> {
    for await (const event of subscription) await this.exclusive(() => this.dispatch(event));
  }

  private exclusive<T>(step: () => Promise<T>): Promise<T> {
    const next = this.serial.then(step);
    this.serial = next.catch(() => undefined);
    return next;
  }

  private async dispatch(event: StoredEvent): Promise<void> {
    const agreementId = agreementIdOf(event.streamId);
    if (agreementId === undefined) {
      await this.commit([], event.position);
      return;
    }
    const recorded = decodeAgreementEvent(event);
    const before = await this.stateBefore(agreementId, recorded.revision);
    const after = evolve(before, recorded);
    this.keep(agreementId, after);
    if (after.status !== 'drafted') {
      await this.commit([], event.position);
      return;
    }
    const transitions = forceTransitions(before, after, this.sweptThrough);
    const announcements: Announcement[] = [
      { type: webhookType(recorded.event.type), source: event.eventId, timestamp: recorded.recordedAt, data: eventData(after, recorded.event, event.eventId, event.position) },
      ...transitions
        .filter((transition) => !transition.scheduled)
        .map((transition) => this.announce(after, transition, `${event.eventId}/`, recorded.recordedAt, event.position)),
      ...this.lateNotices(after, recorded.recordedAt),
    ];
    const scheduled = [
      ...transitions.filter((transition) => transition.scheduled).map(({ effectiveOn }) => ({ agreementId, effectiveOn })),
      ...this.noticeDays(after, this.sweptThrough).map((effectiveOn) => ({ agreementId, effectiveOn })),
    ];
    await this.commit(await this.address(after, announcements, event.position), event.position, scheduled);
  }

  private async sweep(today: IsoDate): Promise<void> {
    if (today <= this.sweptThrough) return;
    const announcements: { agreement: DraftedAgreement; announcement: Announcement }[] = [];
    const scheduled: { agreementId: string; effectiveOn: IsoDate }[] = [];
    const timestamp = this.options.now().toISOString();
    for (const agreementId of await this.outbox.scheduledAgreements(this.sweptThrough, today)) {
      const agreement = await this.stateAtCheckpoint(agreementId);
      if (agreement.status !== 'drafted') continue;
      for (const transition of transitionsOf(agreement, today)) {
        if (transition.effectiveOn <= this.sweptThrough || transition.effectiveOn > today) continue;
        announcements.push({ agreement, announcement: this.announce(agreement, transition, `${agreementId}/on/`, timestamp, lastPosition(agreement)) });
      }
      if (this.options.obligations !== undefined) {
        const { councilTerms, reminderDays } = this.options.obligations;
        for (const notice of obligationNotices(agreement, councilTerms, reminderDays, this.sweptThrough, today)) {
          announcements.push({ agreement, announcement: this.notify(agreement, notice, timestamp) });
        }
      }
      // A period ending today has a successor whose days are known only now.
      scheduled.push(...this.noticeDays(agreement, today).map((effectiveOn) => ({ agreementId, effectiveOn })));
    }
    // A date arriving is news to every subscription, also one made after the agreement's last event.
    const messages: NewMessage[] = [];
    for (const { agreement, announcement } of announcements) messages.push(...(await this.address(agreement, [announcement], undefined)));
    this.sweptThrough = today;
    await this.commit(messages, undefined, scheduled);
  }

  /**
   * Notices of days the sweep passed while this event, recorded before them, waited to be
   * dispatched (a restart after downtime sweeps first). One the sweep sent has the same source, so
   * the outbox keeps the first.
   */
  private lateNotices(agreement: DraftedAgreement, recordedAt: string): Announcement[] {
    const recordedOn = helsinkiDate(new Date(recordedAt));
    if (this.options.obligations === undefined || recordedOn >= this.sweptThrough) return [];
    const { councilTerms, reminderDays } = this.options.obligations;
    return obligationNotices(agreement, councilTerms, reminderDays, recordedOn, this.sweptThrough).map((notice) => this.notify(agreement, notice, recordedAt));
  }

  /** The days after `after` on which the agreement's obligation notices may next fall. */
  private noticeDays(agreement: DraftedAgreement, after: IsoDate): IsoDate[] {
    if (this.options.obligations === undefined) return [];
    return upcomingNoticeDays(agreement, this.options.obligations.councilTerms, this.options.obligations.reminderDays, after);
  }

  /** Its source names the notice, so a sweep redone after a crash writes the same message ids. */
  private notify(agreement: DraftedAgreement, notice: ObligationNotice, timestamp: string): Announcement {
    const data = noticeData(agreement, notice, lastPosition(agreement));
    const { position: _position, ...identity } = data;
    return { type: noticeType(notice), source: `${agreement.agreementId}/on/${noticeType(notice)}/${JSON.stringify(identity)}`, timestamp, data };
  }

  private announce(agreement: DraftedAgreement, transition: ForceTransition, sourcePrefix: string, timestamp: string, position: string): Announcement {
    const data = transitionData(agreement, transition, position);
    const { position: _position, ...identity } = data;
    return { type: transitionType(transition), source: `${sourcePrefix}${transitionType(transition)}/${JSON.stringify(identity)}`, timestamp, data };
  }

  /** One message per active subscription that matches and may read the agreement (and existed by `position`, when given). */
  private async address(agreement: DraftedAgreement, announcements: readonly Announcement[], position: string | undefined): Promise<NewMessage[]> {
    const messages: NewMessage[] = [];
    for (const subscription of await this.subscriptions.active()) {
      if (!mayReceive(subscription, agreement, position, this.store)) continue;
      if ((await this.options.ownerStands?.(subscription.owner)) === false) continue;
      for (const { type, source, timestamp, data } of announcements) {
        if (!matchesType(subscription.eventTypes, type)) continue;
        messages.push({ subscriptionId: subscription.id, source, eventType: type, position: data.position, body: messageBody(type, timestamp, data) });
      }
    }
    return messages;
  }

  private async commit(messages: NewMessage[], position: string | undefined, scheduled: { agreementId: string; effectiveOn: IsoDate }[] = []): Promise<void> {
    await this.outbox.commit({ messages, ...(position !== undefined && { position }), sweptThrough: this.sweptThrough, scheduled });
    if (position !== undefined) this.position = position;
    if (messages.length > 0) this.options.onMessages?.();
  }

  private async stateBefore(agreementId: string, revision: number): Promise<AgreementProjection> {
    const kept = this.states.get(agreementId);
    if (kept !== undefined && revisionOf(kept) === revision - 1) return kept;
    if (revision === 0) return initialAgreementProjection();
    const events = await this.store.readStream(agreementStreamId(agreementId), { maxCount: revision });
    return events.reduce((state, event) => evolve(state, decodeAgreementEvent(event)), initialAgreementProjection());
  }

  /** The agreement as of the checkpoint: events the dispatcher has not reached yet are left out. */
  private async stateAtCheckpoint(agreementId: string): Promise<AgreementProjection> {
    const kept = this.states.get(agreementId);
    if (kept !== undefined) return kept;
    const position = this.position;
    if (position === undefined) return initialAgreementProjection();
    const events = await this.store.readStream(agreementStreamId(agreementId));
    return events
      .filter((event) => this.store.comparePositions(event.position, position) <= 0)
      .reduce((state, event) => evolve(state, decodeAgreementEvent(event)), initialAgreementProjection());
  }

  private keep(agreementId: string, state: AgreementProjection): void {
    this.states.delete(agreementId);
    this.states.set(agreementId, state);
    if (this.states.size > (this.options.stateCapacity ?? 10_000)) this.states.delete(this.states.keys().next().value!);
  }

  private today(): IsoDate {
    return helsinkiDate(this.options.now());
  }
}

/** The position of the agreement's latest event the state holds. */
function lastPosition(agreement: DraftedAgreement): string {
  let latest = agreement.versions[0]!.created;
  for (const { created } of agreement.versions) if (created.revision > latest.revision) latest = created;
  for (const fact of factsOf(agreement)) if (fact.revision > latest.revision) latest = fact;
  return latest.position;
}

import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { IsoDate } from '../core/agreement-events.js';
import { verifyChain, type ChainVerification } from '../core/hash-chain.js';
import { normalisePartyId } from '../core/party-id.js';
import { agreementStreamId } from '../core/stream-names.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore, StoredEvent } from '../event-store/event-store.port.js';
import {
  agreementSummary,
  partyObligation,
  status,
  versions,
  type AgreementSummary,
  type DraftedAgreement,
  type PartyObligation,
  type Status,
  type Version,
} from '../../projections/index.js';
import { AgreementViews, isVisibleTo } from './agreement-views.js';
import { ReadModelStore } from './read-model-store.js';

export interface AgreementListFilter {
  readonly region?: string;
  readonly status?: AgreementSummary['status'];
  readonly partyId?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface TimeQuery {
  readonly asOf?: IsoDate;
  /** An ISO instant or a log position (AgreementViews.knownAt). */
  readonly knownAt?: string;
}

export type Verification = Pick<ChainVerification, 'valid' | 'events' | 'headHash' | 'firstInvalidRevision'>;

/**
 * The questions the API and the dashboard both ask, answered once: each takes the caller and
 * applies its scope, so a page can show nothing the API would not.
 */
@Injectable()
export class AgreementQueries {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly views: AgreementViews,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  today(): IsoDate {
    return this.views.today();
  }

  /** The agreements the caller may see: a region admin its region, a clerk its party's, whatever the filter asks. */
  async list(principal: Principal, filter: AgreementListFilter): Promise<{ items: AgreementSummary[]; total: number }> {
    if (principal.role === 'admin' && principal.region !== undefined && filter.region !== undefined && filter.region !== principal.region) {
      return { items: [], total: 0 };
    }
    return this.readModels.list(
      {
        ...(filter.region !== undefined && { region: filter.region }),
        ...(principal.role === 'admin' && principal.region !== undefined && { region: principal.region }),
        ...(filter.status !== undefined && { status: filter.status }),
        ...(filter.partyId !== undefined && { partyId: filter.partyId }),
        ...(principal.role === 'clerk' && { visibleToParty: principal.partyId! }),
        limit: filter.limit,
        offset: filter.offset,
      },
      this.views.today(),
      (id) => this.views.projections.get(id),
    );
  }

  /**
   * The agreement's read model, its summary today and those of its parts that the caller may see
   * (each part's access follows its own parties); 404 when the caller may not see the agreement.
   */
  async agreement(id: string, principal: Principal): Promise<{ projection: DraftedAgreement; summary: AgreementSummary; parts: AgreementSummary[] }> {
    const { projection, today } = await this.views.visible(id, principal);
    const parts = await Promise.all(this.readModels.partsOf(id).map((partId) => this.views.projections.get(partId)));
    return {
      projection,
      summary: agreementSummary(projection, { asOf: today })!,
      parts: parts
        .filter((part): part is DraftedAgreement => part.status === 'drafted' && isVisibleTo(principal, part))
        .map((part) => agreementSummary(part, { asOf: today })!),
    };
  }

  async status(id: string, principal: Principal, query: TimeQuery): Promise<{ projection: DraftedAgreement; status: Status }> {
    const { projection, today } = await this.views.visible(id, principal);
    const knownAt = await this.views.knownAt(id, query.knownAt);
    const asOf = query.asOf ?? today;
    const answer = knownAt ? status(projection, { asOf, knownAt }) : await this.views.projections.statusOn(id, asOf);
    if (!answer) throw new NotFoundException(`agreement ${id} was not yet recorded at knownAt ${query.knownAt}`);
    return { projection, status: answer };
  }

  async versions(id: string, principal: Principal, query: TimeQuery): Promise<{ projection: DraftedAgreement; versions: Version[] }> {
    const { projection, today } = await this.views.visible(id, principal);
    const answer = versions(projection, { asOf: query.asOf ?? today, knownAt: await this.views.knownAt(id, query.knownAt) });
    if (!answer) throw new NotFoundException(`agreement ${id} was not yet recorded at knownAt ${query.knownAt}`);
    return { projection, versions: answer };
  }

  /** The raw stream as known at knownAt. Who may read it is the caller's to check (auditors and admins). */
  async events(id: string, principal: Principal, knownAtRaw?: string): Promise<{ projection: DraftedAgreement; events: StoredEvent[] }> {
    const { projection } = await this.views.visible(id, principal);
    const events = await this.store.readStream(agreementStreamId(id));
    const knownAt = await this.views.knownAt(id, knownAtRaw);
    return {
      projection,
      events: events.filter(
        (e) =>
          (knownAt?.revision === undefined || e.revision <= knownAt.revision) &&
          (knownAt?.recordedAt === undefined || Date.parse(e.recordedAt) <= Date.parse(knownAt.recordedAt)),
      ),
    };
  }

  /** Recomputes every hash of the stream as stored now. */
  async verify(id: string, principal: Principal): Promise<Verification> {
    await this.views.visible(id, principal);
    const { valid, events, headHash, firstInvalidRevision } = verifyChain(await this.store.readStream(agreementStreamId(id)));
    return { valid, events, headHash, ...(firstInvalidRevision !== undefined && { firstInvalidRevision }) };
  }

  /** Agreements whose latest version this party still has to approve or sign, within the caller's scope. */
  async pending(principal: Principal, rawPartyId: string): Promise<{ partyId: string; items: PartyObligation[] }> {
    const partyId = normalisePartyId(rawPartyId);
    if (!partyId) throw new NotFoundException(`${rawPartyId} is not a business id (Y-tunnus)`);
    if (principal.role === 'clerk' && principal.partyId !== partyId) {
      throw new ForbiddenException(`a clerk of ${principal.partyId} sees only that party's obligations`);
    }
    const today = this.views.today();
    const projections = await Promise.all(this.readModels.agreementsOfParty(partyId).map((id) => this.views.projections.get(id)));
    const items = projections
      .filter((p) => p.status === 'drafted' && (principal.role !== 'admin' || principal.region === undefined || p.region === principal.region))
      .map((p) => partyObligation(p, partyId, { asOf: today }))
      .filter((o): o is PartyObligation => o !== null);
    return { partyId, items };
  }
}

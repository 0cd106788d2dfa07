import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { canSee } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { type IsoDate } from '../core/agreement-events.js';
import { agreementStreamId } from '../core/stream-names.js';
import { helsinkiDate } from '../core/helsinki-date.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import type { EventStore } from '../event-store/event-store.port.js';
import type { AgreementProjection, DraftedAgreement, KnownAt } from '../../projections/index.js';
import { AgreementProjections } from './agreement-projections.js';
import { knownAtPosition, parseKnownAt } from './known-at.js';

export interface VisibleAgreement {
  readonly projection: DraftedAgreement;
  readonly today: IsoDate;
}

/** Loads an agreement's read model for a caller, and reads the time arguments of a query. */
@Injectable()
export class AgreementViews {
  constructor(
    readonly projections: AgreementProjections,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private todayCache = { second: 0, date: '' };

  /** Today in Helsinki; formatting a date costs more than the rest of a status query, so once a second. */
  today(): IsoDate {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.todayCache.second) this.todayCache = { second, date: helsinkiDate(new Date()) };
    return this.todayCache.date;
  }

  /** 404 both for an unknown agreement and for one the caller may not see. */
  async visible(agreementId: string, principal: Principal): Promise<VisibleAgreement> {
    const today = this.today();
    const projection = await this.projections.get(agreementId);
    if (projection.status !== 'drafted' || !isVisibleTo(principal, projection)) {
      throw new NotFoundException(`there is no agreement ${agreementId}`);
    }
    return { projection, today };
  }

  /**
   * `knownAt` is an ISO instant (recorded time) or a log position: a position becomes the last
   * revision of this agreement's stream at or before it.
   */
  async knownAt(agreementId: string, raw: string | undefined): Promise<KnownAt | undefined> {
    if (raw === undefined) return undefined;
    const parsed = parseKnownAt(raw, (position) => this.isPosition(position));
    if (parsed === undefined) {
      throw new BadRequestException(/^\d{4}-\d{2}-\d{2}T/.test(raw) ? `knownAt ${raw} is not an ISO 8601 instant` : 'knownAt must be an ISO 8601 instant or a log position');
    }
    if ('recordedAt' in parsed) return parsed;
    const events = await this.store.readStream(agreementStreamId(agreementId));
    return knownAtPosition(events, (position) => this.store.comparePositions(position, parsed.position) <= 0);
  }

  private isPosition(raw: string): boolean {
    try {
      this.store.comparePositions(raw, raw);
      return true;
    } catch {
      return false;
    }
  }
}

/** The caller may see the agreement: its region, or a party of any of its versions (access-policy.ts). */
export function isVisibleTo(principal: Principal, projection: DraftedAgreement): boolean {
  return canSee(principal, { region: projection.region, partyIds: everyParty(projection) });
}

/**
 * Parties of every version, once per state: a party that was ever part of the agreement keeps
 * seeing it. Walking every version's parties on every query cost more than the rest of a status
 * answer on a long history. Keyed by the state object, which a new event replaces and never
 * changes, so a later version's parties are never missed.
 */
const partiesByState = new WeakMap<DraftedAgreement, readonly string[]>();

function everyParty(projection: DraftedAgreement): readonly string[] {
  let parties = partiesByState.get(projection);
  if (parties === undefined) {
    parties = [...new Set(projection.versions.flatMap((version) => version.parties.map((party) => party.partyId)))];
    partiesByState.set(projection, parties);
  }
  return parties;
}

export function etagOf(projection: AgreementProjection): string {
  return projection.status === 'drafted' ? `"${projection.revision}"` : '"-1"';
}

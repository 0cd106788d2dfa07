import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger-config.js';
import { obligationRows, obligations, type ObligationRow, type Obligations, type ObligationStatus } from '../../projections/index.js';
import type { TimeQuery } from './agreement-queries.js';
import { AgreementViews } from './agreement-views.js';
import { ReadModelStore } from './read-model-store.js';

export interface ObligationListFilter extends TimeQuery {
  readonly region?: string;
  readonly status?: ObligationStatus;
  readonly partyId?: string;
  readonly limit: number;
  readonly offset: number;
}

/**
 * What is met, due and overdue (DESIGN.md "Obligations"), for the API, the dashboard and the
 * calendar feeds alike, each scoped to the caller as the agreement list is.
 */
@Injectable()
export class ObligationQueries {
  constructor(
    private readonly views: AgreementViews,
    private readonly readModels: ReadModelStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /** One agreement's obligations; 404 when the caller may not see it or it was not yet known. */
  async ofAgreement(id: string, principal: Principal, query: TimeQuery): Promise<Obligations> {
    const { projection, today } = await this.views.visible(id, principal);
    const knownAt = await this.views.knownAt(id, query.knownAt);
    const answer = obligations(projection, { asOf: query.asOf ?? today, ...(knownAt && { knownAt }) }, this.config.councilTerms);
    if (!answer) throw new NotFoundException(`agreement ${id} was not yet recorded at knownAt ${query.knownAt}`);
    return answer;
  }

  /**
   * Rows of every agreement the caller may see, ordered by the period's last day (open-ended
   * last), then agreement, then the agreement's own order of obligations and parties. `partyId`
   * keeps the party's rows and those of the obligations it convenes.
   */
  async list(principal: Principal, filter: ObligationListFilter): Promise<{ items: ObligationRow[]; total: number }> {
    const regionLimit = principal.role === 'admin' ? principal.region : undefined;
    if (regionLimit !== undefined && filter.region !== undefined && filter.region !== regionLimit) return { items: [], total: 0 };
    const ids = this.readModels.agreementIds({
      ...((regionLimit ?? filter.region) !== undefined && { region: (regionLimit ?? filter.region)! }),
      ...(filter.partyId !== undefined && { partyId: filter.partyId }),
      ...(principal.role === 'clerk' && { visibleToParty: principal.partyId! }),
    });
    const asOf = filter.asOf ?? this.views.today();
    const rows: ObligationRow[] = [];
    for (const id of ids) {
      const projection = await this.views.projections.get(id);
      if (projection.status !== 'drafted') continue;
      const knownAt = await this.views.knownAt(id, filter.knownAt);
      const answer = obligations(projection, { asOf, ...(knownAt && { knownAt }) }, this.config.councilTerms);
      if (answer === null) continue;
      rows.push(
        ...obligationRows(projection, answer).filter(
          (row) => (filter.status === undefined || row.status === filter.status) && (filter.partyId === undefined || row.partyId === filter.partyId || row.convener === filter.partyId),
        ),
      );
    }
    rows.sort((a, b) => lastDayOrder(a.to, b.to));
    return { items: rows.slice(filter.offset, filter.offset + filter.limit), total: rows.length };
  }
}

/** By last day, open-ended last; a stable sort keeps agreement and answer order within a day. */
function lastDayOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

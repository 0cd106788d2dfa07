import type { AgreementSummary } from '../../../projections/index.js';
import { html, type Html } from '../html.js';
import { withQuery, type PageContext } from '../page-context.js';
import { layout } from './layout.js';

export interface ListRow {
  readonly summary: AgreementSummary;
  /** Parties of the latest version that still have to approve or sign; null when nothing is left to bring into force. */
  readonly toAct: number | null;
}

export interface ListPage {
  readonly filter: { readonly region?: string; readonly status?: AgreementSummary['status']; readonly partyId?: string };
  readonly rows: readonly ListRow[];
  readonly total: number;
  readonly offset: number;
  readonly pageSize: number;
}

const STATUS_TONE: Record<AgreementSummary['status'], string> = { 'in-force': 'ok', pending: 'warn', expired: 'muted', terminated: 'bad' };

export function listPage(context: PageContext, page: ListPage): Html {
  const { t } = context;
  const { filter, rows, total, offset, pageSize } = page;
  return layout(
    context,
    t.list.title,
    html`<h1>${t.list.title}</h1>
<form method="get" action="/" class="no-print">
<fieldset class="filters">
  <legend>${t.list.filters}</legend>
  <div><label for="region">${t.list.region}</label><input id="region" name="region" value="${filter.region ?? ''}"></div>
  <div><label for="status">${t.list.status}</label><select id="status" name="status">
    <option value="">${t.list.any}</option>
    ${(['in-force', 'pending', 'expired', 'terminated'] as const).map(
      (status) => html`<option value="${status}"${filter.status === status ? html` selected` : ''}>${t.statuses[status]}</option>`,
    )}
  </select></div>
  <div><label for="partyId">${t.list.party} <span class="hint" id="party-hint">${t.list.partyHint}</span></label><input id="partyId" name="partyId" value="${filter.partyId ?? ''}" aria-describedby="party-hint" inputmode="numeric"></div>
  <button type="submit">${t.list.apply}</button>
</fieldset>
</form>
${filter.region && html`<p><a href="/regions/${encodeURIComponent(filter.region)}/obligations">${t.obligations.ofRegion(filter.region)}</a></p>`}
${
  rows.length === 0
    ? html`<p>${t.list.none}</p>`
    : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="list-caption"><table>
<caption id="list-caption">${t.list.caption(total)}</caption>
<thead><tr>
  <th scope="col">${t.list.agreement}</th><th scope="col">${t.list.region}</th><th scope="col">${t.list.status}</th>
  <th scope="col">${t.list.inForceVersion}</th><th scope="col">${t.list.since}</th><th scope="col">${t.list.toAct}</th>
</tr></thead>
<tbody>
${rows.map(
  ({ summary, toAct }) => html`<tr>
  <th scope="row"><a href="/agreements/${encodeURIComponent(summary.agreementId)}">${summary.title}</a></th>
  <td>${summary.region}</td>
  <td><span class="badge ${STATUS_TONE[summary.status]}">${t.statuses[summary.status]}</span></td>
  <td>${summary.inForceVersion ?? '–'}</td>
  <td>${summary.inForceSince ? t.date(summary.inForceSince) : '–'}</td>
  <td>${toAct ?? '–'}</td>
</tr>`,
)}
</tbody>
</table></div>
<p>${t.list.showing(offset + 1, offset + rows.length, total)}</p>
<nav class="pager" aria-label="${t.list.caption(total)}">
  ${offset > 0 && html`<a href="${withQuery(context.url, { offset: String(Math.max(0, offset - pageSize)) })}">${t.list.previous}</a>`}
  ${offset + rows.length < total && html`<a href="${withQuery(context.url, { offset: String(offset + pageSize) })}">${t.list.next}</a>`}
</nav>`
}`,
  );
}

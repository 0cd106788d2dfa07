import type { ObligationRow, ObligationStatus } from '../../../projections/index.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';

const STATUS_TONE: Record<ObligationStatus, string> = { met: 'ok', due: 'warn', overdue: 'bad' };

/** Obligation rows as the API gives them: agreement, obligation, period, party, status and the meeting that met it. */
export function obligationTable({ t }: PageContext, rows: readonly ObligationRow[], caption: string, captionId: string): Html {
  if (rows.length === 0) return html`<p>${t.obligations.none}</p>`;
  const o = t.obligations;
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${captionId}"><table>
<caption id="${captionId}">${caption}</caption>
<thead><tr>
  <th scope="col">${o.agreement}</th><th scope="col">${o.obligation}</th><th scope="col">${o.period}</th>
  <th scope="col">${o.party}</th><th scope="col">${o.status}</th><th scope="col">${o.fulfilment}</th>
</tr></thead>
<tbody>
${rows.map(
  (row) => html`<tr data-obligation="${row.obligationId}" data-party="${row.partyId}">
  <td><a href="/agreements/${encodeURIComponent(row.agreementId)}">${row.agreementTitle}</a></td>
  <th scope="row">${row.title}</th>
  <td>${t.date(row.from)}–${row.to === null ? o.openEnded : t.date(row.to)}</td>
  <td>${row.partyName}</td>
  <td><span class="badge ${STATUS_TONE[row.status]}">${o.statuses[row.status]}</span></td>
  <td>${row.fulfilment ? t.date(row.fulfilment.heldOn) : '–'}</td>
</tr>`,
)}
</tbody>
</table></div>`;
}

import type { ObligationRow, PartyObligation } from '../../../projections/index.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { layout } from './layout.js';
import { obligationTable } from './obligation-table.js';

/** A registry office's to-do list: the agreements whose latest version still waits for its party. */
export function partyPage(context: PageContext, partyId: string, items: readonly PartyObligation[], obligations: readonly ObligationRow[]): Html {
  const { t } = context;
  const missingText = { approval: t.agreement.missingApproval, signature: t.agreement.missingSignature };
  return layout(
    context,
    t.party.title(partyId),
    html`<h1>${t.party.title(partyId)}</h1>
${
  items.length === 0
    ? html`<p>${t.party.none}</p>`
    : html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="party-caption"><table>
<caption id="party-caption">${t.party.caption}</caption>
<thead><tr><th scope="col">${t.party.agreement}</th><th scope="col">${t.party.version}</th><th scope="col">${t.party.missing}</th></tr></thead>
<tbody>
${items.map(
  (item) => html`<tr>
  <th scope="row"><a href="/agreements/${encodeURIComponent(item.agreementId)}">${item.title}</a></th>
  <td>${item.version}</td>
  <td><strong class="warn">${item.missing.map((m) => missingText[m]).join(', ')}</strong></td>
</tr>`,
)}
</tbody>
</table></div>`
}
<h2>${t.obligations.ofParty}</h2>
${obligationTable(context, obligations, t.obligations.ofParty, 'party-obligations-caption')}`,
  );
}

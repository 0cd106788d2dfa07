import type { ObligationRow, ObligationStatus } from '../../../projections/index.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { layout } from './layout.js';
import { obligationTable } from './obligation-table.js';

/** A region's obligations today: met, due and overdue by obligation, period and party. */
export function regionObligationsPage(context: PageContext, region: string, status: ObligationStatus | undefined, rows: readonly ObligationRow[]): Html {
  const { t } = context;
  const o = t.obligations;
  return layout(
    context,
    o.ofRegion(region),
    html`<h1>${o.ofRegion(region)}</h1>
<form method="get" action="/regions/${encodeURIComponent(region)}/obligations" class="no-print">
<fieldset class="filters">
  <legend>${t.list.filters}</legend>
  <div><label for="status">${o.status}</label><select id="status" name="status">
    <option value="">${t.list.any}</option>
    ${(['met', 'due', 'overdue'] as const).map((s) => html`<option value="${s}"${status === s ? html` selected` : ''}>${o.statuses[s]}</option>`)}
  </select></div>
  <button type="submit">${t.list.apply}</button>
</fieldset>
</form>
${obligationTable(context, rows, o.ofRegion(region), 'region-obligations-caption')}`,
  );
}

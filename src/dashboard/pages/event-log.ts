import type { StoredEvent } from '../../core/stored-event.js';
import type { Verification } from '../../read-models/agreement-queries.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';

/** The raw stream with each event's hash, under the result of recomputing the chain (auditors and admins). */
export function eventLog(context: PageContext, events: readonly StoredEvent[], verification: Verification): Html {
  const { t } = context;
  return html`${
    verification.valid
      ? html`<p class="notice" role="status"><span class="ok">✔</span> ${t.agreement.chainValid(verification.events)}</p>`
      : html`<p class="notice bad" role="alert">✘ ${t.agreement.chainInvalid(verification.firstInvalidRevision ?? -1)}</p>`
  }
<p>${t.agreement.headHash}: <code>${verification.headHash}</code></p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="events-caption"><table>
<caption id="events-caption">${t.agreement.events}</caption>
<thead><tr><th scope="col">${t.agreement.revision}</th><th scope="col">${t.agreement.eventType}</th><th scope="col">${t.agreement.recordedAt}</th><th scope="col">${t.agreement.actor}</th><th scope="col">${t.agreement.hash}</th></tr></thead>
<tbody>
${events.map(
  (e) => html`<tr><th scope="row">${e.revision}</th><td>${e.type}</td><td>${t.dateTime(e.recordedAt)}</td><td>${String(e.metadata.actor ?? '')}</td><td><code class="hash">${String(e.metadata.hash ?? '')}</code></td></tr>`,
)}
</tbody>
</table></div>`;
}

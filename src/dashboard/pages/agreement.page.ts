import type { IsoDate } from '../../core/agreement-events.js';
import type { StoredEvent } from '../../core/stored-event.js';
import type { Verification } from '../../read-models/agreement-queries.js';
import type { AgreementSummary, Status, Version } from '../../../projections/index.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { agreementMatrix, jointBodyDecisions } from './agreement-matrix.js';
import { eventLog } from './event-log.js';
import { layout } from './layout.js';
import { versionTimeline } from './version-timeline.js';

export interface AgreementPage {
  readonly summary: AgreementSummary;
  /** Status and versions answer "as of": the chosen day, or today. */
  readonly status: Status;
  readonly versions: readonly Version[];
  readonly today: IsoDate;
  /** The raw log and its verification, for those who may read them through the API. */
  readonly audit?: { readonly events: readonly StoredEvent[]; readonly verification: Verification };
}

/** Status fields of the design that not every Status carries yet: shown when present. */
type StatusExtras = Status & {
  readonly finalSince?: IsoDate | null;
  readonly boundParties?: ReadonlyArray<{ readonly partyId: string; readonly version: number; readonly since: IsoDate }> | null;
};

/** One agreement as a status report: what is in force on the day asked, who has decided and signed, and its history. */
export function agreementPage(context: PageContext, page: AgreementPage): Html {
  const { t } = context;
  const { summary, versions, today, audit } = page;
  const status = page.status as StatusExtras;
  const latest = versions[versions.length - 1]!;
  const nameOf = (partyId: string) => latest.parties.find((p) => p.partyId === partyId)?.name ?? partyId;
  return layout(
    context,
    summary.title,
    html`<h1>${summary.title}</h1>
<dl class="facts">
  <dt>${t.agreement.region}</dt><dd>${summary.region}</dd>
  <dt>${t.agreement.kind}</dt><dd>${t.kinds[summary.kind] ?? summary.kind}</dd>
  <dt>${t.agreement.status}</dt><dd><strong>${
    status.inForce && status.inForceVersion !== null && status.inForceSince !== null
      ? html`<span class="ok">${t.agreement.inForceVersion(status.inForceVersion, t.date(status.inForceSince))}</span>`
      : html`<span class="warn">${t.agreement.notInForce}</span>`
  }</strong></dd>
  <dt>${t.agreement.asOf}</dt><dd>${t.date(status.asOf)}</dd>
  <dt>${t.party.version}</dt><dd>${t.agreement.latestVersion(status.latestVersion, t.versionStates[status.latestVersionState])}</dd>
  ${status.terminatedOn && html`<dt>${t.agreement.terminatedOn}</dt><dd>${t.date(status.terminatedOn)}</dd>`}
  ${status.finalSince && html`<dt>${t.agreement.finality}</dt><dd>${t.agreement.finalSince(t.date(status.finalSince))}</dd>`}
</dl>
<form method="get" class="as-of">
  <div><label for="asOf">${t.agreement.asOf} <span class="hint" id="as-of-hint">${t.agreement.asOfHint}</span></label>
  <input type="date" id="asOf" name="asOf" value="${status.asOf}" max="${today}" aria-describedby="as-of-hint"></div>
  <button type="submit">${t.agreement.show}</button>
  ${status.asOf !== today && html`<a href="${context.url.pathname}">${t.agreement.today}</a>`}
</form>
${agreementMatrix(context, status, latest)}
${jointBodyDecisions(context, status, latest)}
${
  Array.isArray(status.boundParties) &&
  html`<h2>${t.agreement.boundParties}</h2>${
    status.boundParties.length === 0
      ? html`<p>${t.agreement.noneBound}</p>`
      : html`<ul>${status.boundParties.map((b) => html`<li>${nameOf(b.partyId)}: ${t.agreement.boundSince(b.version, t.date(b.since))}</li>`)}</ul>`
  }`
}
<h2>${t.agreement.timeline}</h2>
${versionTimeline(context, versions, status.asOf)}
<h2>${t.agreement.documents}</h2>
<ul>
  <li>${t.agreement.mainDocument}: ${latest.document.title} <code class="hash">${latest.document.sha256}</code></li>
  ${latest.annexes.map(
    (annex) =>
      html`<li>${t.agreement.annex} ${annex.annexId}: ${annex.title}${annex.publicity === 'confidential' ? html` <strong>${t.agreement.confidential(annex.legalBasis)}</strong>` : ''}</li>`,
  )}
</ul>
${audit && html`<section class="no-print" aria-labelledby="event-log"><h2 id="event-log">${t.agreement.events}</h2>${eventLog(context, audit.events, audit.verification)}</section>`}`,
  );
}

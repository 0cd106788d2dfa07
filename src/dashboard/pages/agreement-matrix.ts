import type { IsoDate, Party } from '../../core/agreement-events.js';
import type { PartyProgress, Status, Version, VersionDecision } from '../../../projections/index.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';

/**
 * Finality per party (`final`, `appealableUntil`, `appealPending`) and a party's other body names
 * are in the design but not in every Status and Party the projections give yet: the matrix shows
 * them when present and never makes them up.
 */
type PartyRow = PartyProgress & { readonly final?: boolean; readonly appealableUntil?: IsoDate | null; readonly appealPending?: boolean };
type PartyBodies = Party & { readonly bodyAliases?: readonly string[] };

const APPROVAL_TONE = { approved: 'ok', missing: 'warn', rejected: 'bad', annulled: 'bad' } as const;

/** Parties down, for the latest version: competent body and its decision, finality, signatories, what is missing. */
export function agreementMatrix(context: PageContext, status: Status, latest: Version): Html {
  const { t } = context;
  const rows = status.pending as readonly PartyRow[];
  const showFinality = rows.some((row) => row.final !== undefined || row.appealableUntil !== undefined);
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="matrix-caption"><table class="matrix">
<caption id="matrix-caption">${t.agreement.matrixCaption(status.latestVersion)}</caption>
<thead><tr>
  <th scope="col">${t.agreement.party}</th><th scope="col">${t.agreement.competentBody}</th><th scope="col">${t.agreement.decision}</th>
  ${showFinality && html`<th scope="col">${t.agreement.finality}</th>`}
  <th scope="col">${t.agreement.signatories}</th><th scope="col">${t.agreement.missing}</th>
</tr></thead>
<tbody>
${rows.map((row) => {
  const party = latest.parties.find((p) => p.partyId === row.partyId) as PartyBodies | undefined;
  const decisions = latest.decisions.filter((d) => d.partyId === row.partyId && d.decidedOn <= status.asOf);
  const counting = decisions.find((d) => d.counts);
  const others = decisions.filter((d) => d !== counting);
  const missing = [row.approval !== 'approved' && t.agreement.missingApproval, row.signature === 'missing' && t.agreement.missingSignature].filter(
    (m): m is string => typeof m === 'string',
  );
  return html`<tr data-party="${row.partyId}">
  <th scope="row">${row.name}<br><span class="muted">${row.partyId}</span></th>
  <td>${party?.competentBody ?? '–'}${party?.bodyAliases?.length ? html`<br><span class="muted">${party.bodyAliases.join(', ')}</span>` : ''}</td>
  <td><span class="badge ${APPROVAL_TONE[row.approval]}">${t.approvals[row.approval]}</span>
    ${counting ? decisionDetail(context, counting) : html`<p class="decision-detail">${t.agreement.noDecision}</p>`}
    ${others.length > 0 && html`<p class="others">${t.agreement.otherDecisions}:</p><ul class="others">${others.map((d) => recordedDecision(context, d, status.asOf))}</ul>`}
  </td>
  ${showFinality && html`<td>${finality(context, row)}</td>`}
  <td>${
    row.signatories.length === 0
      ? '–'
      : html`<ul class="decision-detail">${row.signatories.map((s) => html`<li>${s.name}, ${s.title}, ${t.date(s.signedOn)}</li>`)}</ul>`
  }</td>
  <td>${missing.length === 0 ? html`<span class="ok">${t.agreement.nothingMissing}</span>` : html`<strong class="warn">${missing.join(', ')}</strong>`}</td>
</tr>`;
})}
</tbody>
</table></div>`;
}

/** A joint body belongs to no party row: its decisions on the latest version, as history under the matrix. */
export function jointBodyDecisions(context: PageContext, status: Status, latest: Version): Html | string {
  const { t } = context;
  const decisions = latest.decisions.filter((d) => d.jointBody !== null && d.decidedOn <= status.asOf);
  if (decisions.length === 0) return '';
  return html`<section aria-labelledby="joint-decisions"><h2 id="joint-decisions">${t.agreement.jointBodyDecisions}</h2>
<ul class="others">${decisions.map((d) => recordedDecision(context, d, status.asOf))}</ul>
</section>`;
}

/** A decision that does not count, as one line of history: body, outcome, date, section, diary number, annulment. */
function recordedDecision(context: PageContext, d: VersionDecision, asOf: IsoDate): Html {
  const { t } = context;
  return html`<li>${d.body}: ${t.outcomes[d.outcome]} ${t.date(d.decidedOn)}, ${d.meeting.section}${d.meeting.diaryNumber && html`, ${t.agreement.diaryNumber} ${d.meeting.diaryNumber}`}${d.annulledOn && d.annulledOn <= asOf ? html` (${t.approvals.annulled} ${t.date(d.annulledOn)})` : ''}</li>`;
}

function decisionDetail(context: PageContext, decision: VersionDecision): Html {
  const { t } = context;
  const { meeting } = decision;
  // The contract admits only http(s) minutes URLs; checked again so no other scheme can become a link.
  const minutes = meeting.minutesUrl !== undefined && /^https?:\/\//i.test(meeting.minutesUrl) ? meeting.minutesUrl : undefined;
  return html`<ul class="decision-detail">
  <li>${t.outcomes[decision.outcome]} ${t.date(decision.decidedOn)}</li>
  <li>${meeting.section}${meeting.diaryNumber && html`, ${t.agreement.diaryNumber} ${meeting.diaryNumber}`}</li>
  ${minutes && html`<li><a href="${minutes}" rel="noopener noreferrer">${t.agreement.minutes}<span class="muted"> (${decision.body})</span></a></li>`}
</ul>`;
}

function finality(context: PageContext, row: PartyRow): Html | string {
  const { t } = context;
  if (row.appealPending) return html`<span class="warn">${t.agreement.appealPending}</span>`;
  if (row.final) return html`<span class="ok">${t.agreement.final}</span>`;
  if (row.appealableUntil) return t.agreement.appealableUntil(t.date(row.appealableUntil));
  return row.approval === 'approved' ? t.agreement.notYetFinal : '–';
}

import type { IsoDate } from '../../core/agreement-events.js';
import type { InForceInterval, Version } from '../../../projections/index.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';

const DAY_MS = 86_400_000;
const dayNumber = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Per-spoke intervals carry the spoke (hub-and-spoke agreements); others do not. */
type Interval = InForceInterval & { readonly partyId?: string };

/**
 * Which version was in force when, drawn as bars on one shared scale, with the same facts as text
 * beside them (the bars are decoration for screen readers). An interval is [from, to): the text
 * names its last day in force.
 */
export function versionTimeline(context: PageContext, versions: readonly Version[], asOf: IsoDate): Html {
  const { t } = context;
  const intervals = versions.flatMap((v) => v.inForce as readonly Interval[]);
  const days = [asOf, ...intervals.flatMap((i) => [i.from, ...(i.to ? [i.to] : [])]), ...versions.flatMap((v) => (v.effectiveFrom ? [v.effectiveFrom] : []))].map(dayNumber);
  const start = Math.min(...days);
  const end = Math.max(...days, start + 1);
  const at = (day: number) => ((day - start) / (end - start)) * 100;
  const partyName = (partyId: string) => versions.flatMap((v) => v.parties).find((p) => p.partyId === partyId)?.name ?? partyId;
  return html`<p class="timeline-intro">${t.agreement.timelineIntro}</p>
<div class="timeline-scale" aria-hidden="true"><span>${t.date(isoOf(start))}</span><span>${t.date(isoOf(end))}</span></div>
<ol class="timeline">
${versions.map(
  (version) => html`<li>
  <strong>${t.agreement.version(version.version)}</strong> <span class="badge">${t.versionStates[version.state]}</span>
  ${(version.effectiveFrom || version.effectiveUntil) && html` <span class="muted">${t.agreement.term(version.effectiveFrom ? t.date(version.effectiveFrom) : '', version.effectiveUntil ? t.date(version.effectiveUntil) : t.agreement.openEnd)}</span>`}
  <div class="track" aria-hidden="true">${(version.inForce as readonly Interval[]).map((i) => {
    const left = at(dayNumber(i.from));
    const right = i.to ? at(dayNumber(i.to)) : 100;
    return html`<span class="bar${i.to ? '' : ' open'}" style="left:${left.toFixed(2)}%;width:${Math.max(right - left, 0.5).toFixed(2)}%"></span>`;
  })}</div>
  ${
    version.inForce.length === 0
      ? html`<p class="muted">${t.agreement.neverInForce}</p>`
      : html`<ul class="decision-detail">${(version.inForce as readonly Interval[]).map(
          (i) => html`<li>${i.partyId && html`${t.agreement.spoke} ${partyName(i.partyId)}: `}${t.agreement.interval(t.date(i.from), i.to ? t.date(isoOf(dayNumber(i.to) - 1)) : '')}${
            i.endedBy ? html` (${t.agreement.endedBy[i.endedBy](i.supersededBy)})` : html` (${t.agreement.stillInForce})`
          }</li>`,
        )}</ul>`
  }
</li>`,
)}
</ol>`;
}

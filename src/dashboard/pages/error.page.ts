import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { layout } from './layout.js';

export type PageError = 400 | 403 | 404 | 500;

/** A page, not a problem document: what went wrong in the reader's language, and a way back. */
export function errorPage(context: PageContext, status: PageError, detail?: string): Html {
  const { t } = context;
  return layout(
    context,
    t.errors.title[status],
    html`<h1>${t.errors.title[status]}</h1>
<p>${t.errors.explain[status]}</p>
${detail && html`<p class="muted"><code>${detail}</code></p>`}
<p><a href="/">${t.errors.back}</a></p>`,
  );
}

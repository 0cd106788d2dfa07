import { STYLESHEET_FILE } from '../assets/stylesheet.js';
import { html, type Html } from '../html.js';
import { CATALOGUES, LANGUAGES } from '../i18n/languages.js';
import { withQuery, type PageContext } from '../page-context.js';

/**
 * The frame of every page: skip link, header with navigation, languages and sign-out, then the
 * page's own content; `head` adds to the document's head (a page that moves on by itself).
 */
export function layout(context: PageContext, title: string, content: Html, head?: Html): Html {
  const { t, lang, principal } = context;
  const here = context.url.pathname;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${t.appName}</title>
<link rel="stylesheet" href="/assets/${STYLESHEET_FILE}">
${head}
</head>
<body>
<a class="skip-link" href="#main">${t.skipToContent}</a>
<header class="site-header">
  <a class="brand" href="/">${t.appName}</a>
  ${
    principal &&
    html`<nav aria-label="${t.mainNavigation}"><ul>
    <li><a href="/"${here === '/' ? html` aria-current="page"` : ''}>${t.agreements}</a></li>
    ${principal.partyId && html`<li><a href="/parties/${principal.partyId}"${here.startsWith('/parties/') ? html` aria-current="page"` : ''}>${t.agreement.pendingOfParty}</a></li>`}
    ${principal.region && html`<li><a href="/regions/${encodeURIComponent(principal.region)}/obligations"${here.startsWith('/regions/') ? html` aria-current="page"` : ''}>${t.obligations.navigation}</a></li>`}
  </ul></nav>`
  }
  <nav aria-label="${t.language}"><ul>
    ${LANGUAGES.map(
      (code) =>
        html`<li><a href="${withQuery(context.url, { lang: code })}" lang="${code}" hreflang="${code}"${code === lang ? html` aria-current="true"` : ''}>${CATALOGUES[code].languageName}</a></li>`,
    )}
  </ul></nav>
  ${
    principal &&
    html`<div class="account">
    <p>${t.signedInAs(principal.name, t.roles[principal.role])}</p>
    <form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${context.csrfToken}"><button type="submit" class="quiet">${t.signOut}</button></form>
  </div>`
  }
</header>
<main id="main" tabindex="-1">
${content}
</main>
</body>
</html>
`;
}

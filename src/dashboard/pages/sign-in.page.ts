import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { layout } from './layout.js';

/** Why the sign-in page is shown again: the token form's refusals, and those of a sign-in by redirect. */
export type SignInProblem = 'refused' | 'expired' | 'oidc-stale' | 'oidc-refused' | 'oidc-no-access' | 'oidc-unreachable';

export interface SignInForm {
  /** The double-submit token: equal to the one in the sign-in cookie, or the post is refused. */
  readonly formToken: string;
  /** Where to go once signed in: a path of this site. */
  readonly next: string;
  /** Offer the organisation's OIDC provider (sign-in by redirect is configured). */
  readonly oidc: boolean;
  readonly problem?: SignInProblem;
}

export function signInPage(context: PageContext, form: SignInForm): Html {
  const { t } = context;
  const start = `/sign-in/oidc?${new URLSearchParams({ next: form.next }).toString()}`;
  return layout(
    context,
    t.signIn.title,
    html`<div class="sign-in">
<h1>${t.signIn.title}</h1>
${form.problem && html`<p class="notice bad" role="alert">${problemText(context, form.problem)}</p>`}
${form.oidc && html`<p><a class="button" href="${start}">${t.signIn.oidc.start}</a></p>`}
<p>${form.oidc ? t.signIn.oidc.orToken : t.signIn.intro}</p>
<form method="post" action="/sign-in">
  <input type="hidden" name="_csrf" value="${form.formToken}">
  <input type="hidden" name="next" value="${form.next}">
  <label for="token">${t.signIn.token} <span class="hint" id="token-hint">${t.signIn.tokenHint}</span></label>
  <input id="token" name="token" type="password" autocomplete="off" required aria-describedby="token-hint" spellcheck="false">
  <button type="submit">${t.signIn.submit}</button>
</form>
</div>`,
  );
}

function problemText({ t }: PageContext, problem: SignInProblem): string {
  switch (problem) {
    case 'refused':
    case 'expired':
      return t.signIn[problem];
    case 'oidc-stale':
      return t.signIn.oidc.stale;
    case 'oidc-refused':
      return t.signIn.oidc.refused;
    case 'oidc-no-access':
      return t.signIn.oidc.noAccess;
    case 'oidc-unreachable':
      return t.signIn.oidc.unreachable;
  }
}

/**
 * After the provider's redirect back: a page of this site that moves on to `next` by itself. A
 * redirect straight from the callback would continue the navigation the provider's site began, and
 * browsers send no SameSite=Strict cookie on it, so the first page would find no session.
 */
export function signedInPage(context: PageContext, next: string): Html {
  const { t } = context;
  return layout(
    context,
    t.signIn.oidc.signedIn,
    html`<h1>${t.signIn.oidc.signedIn}</h1>
<p><a href="${next}">${t.signIn.oidc.continue}</a></p>`,
    html`<meta http-equiv="refresh" content="0; url=${next}">`,
  );
}

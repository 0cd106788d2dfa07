import { html, type Html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { layout } from './layout.js';

export interface SignInForm {
  /** The double-submit token: equal to the one in the sign-in cookie, or the post is refused. */
  readonly formToken: string;
  /** Where to go once signed in: a path of this site. */
  readonly next: string;
  readonly problem?: 'refused' | 'expired';
}

export function signInPage(context: PageContext, form: SignInForm): Html {
  const { t } = context;
  return layout(
    context,
    t.signIn.title,
    html`<div class="sign-in">
<h1>${t.signIn.title}</h1>
${form.problem && html`<p class="notice bad" role="alert">${t.signIn[form.problem]}</p>`}
<p>${t.signIn.intro}</p>
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

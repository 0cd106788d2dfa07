import type { AgreementCommand } from '../../src/agreements/domain/agreement-commands.js';
import { toHttpRequest } from './command-requests.js';
import type { TestApp } from './test-app.js';

/** The server's root, e.g. http://127.0.0.1:41234 (the pages live outside /api). */
export const siteOf = (t: TestApp) => t.api.replace(/\/api$/, '');

/** Records fixture commands through the API; returns the position of the last one. */
export async function record(t: TestApp, commands: readonly AgreementCommand[]): Promise<string> {
  let position = '';
  for (const command of commands) {
    const { method, path, body } = toHttpRequest(command);
    const res = await t.call(path, { method, token: t.adminToken, json: body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    position = ((await res.json()) as { position: string }).position;
  }
  return position;
}

/** Waits until the read models include a position (the API's read-your-writes). */
export async function caughtUp(t: TestApp, agreementId: string, position: string): Promise<void> {
  const res = await t.call(`/agreements/${agreementId}/status?minPosition=${encodeURIComponent(position)}`, { token: t.adminToken });
  if (res.status !== 200) throw new Error(`not caught up: ${res.status}`);
}

/** The value of one cookie among a response's Set-Cookie headers. */
export function setCookie(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

export const cookieValue = (header: string | undefined) => header?.split(';')[0]?.split('=').slice(1).join('=');

/** The sign-in form as a browser gets it: the page's hidden token and the cookie it must match. */
export async function signInForm(site: string): Promise<{ formToken: string; cookie: string }> {
  const res = await fetch(`${site}/sign-in`);
  const page = await res.text();
  const formToken = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  const cookie = setCookie(res, 'ledger_sign_in')?.split(';')[0];
  if (!formToken || !cookie) throw new Error('the sign-in page gave no form token');
  return { formToken, cookie };
}

export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Signs in as a browser would; returns the Cookie header value that carries the session. */
export async function signIn(site: string, token: string): Promise<string> {
  const { formToken, cookie } = await signInForm(site);
  const res = await postForm(`${site}/sign-in`, { token, _csrf: formToken, next: '/' }, { cookie });
  const session = setCookie(res, 'ledger_session');
  if (res.status !== 303 || !session) throw new Error(`sign-in failed: ${res.status}`);
  return session.split(';')[0]!;
}

export async function page(url: string, cookie?: string): Promise<{ status: number; body: string; res: Response }> {
  const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: res.status, body: await res.text(), res };
}

/** One obligation row of a page's obligation table: the obligation, the party and the period's first day pick it. */
export const obligationRowOf = (body: string, obligationId: string, partyId: string, from: string): string | undefined =>
  body.split(`data-obligation="${obligationId}" data-party="${partyId}"`).find((row) => row.includes(from))?.split('</tr>')[0];

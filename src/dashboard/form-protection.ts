import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ForbiddenException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { browserOrigin } from './page-context.js';

/**
 * Cross-site request forgery, refused twice over: a browser's own word on where the form came from
 * (`Sec-Fetch-Site`, `Origin`) must not name another site, and the form must carry the token its
 * page was rendered with. The session cookie is SameSite=Strict besides.
 */
export function assertSameSiteForm(request: FastifyRequest, expectedToken: string | undefined, givenToken: unknown): void {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new ForbiddenException('the form was posted from another site');
  // `null` tells nothing: browsers send it under the `no-referrer` policy these pages are served with.
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null' && origin !== browserOrigin(request)) {
    throw new ForbiddenException('the form was posted from another origin');
  }
  if (expectedToken === undefined || !sameToken(expectedToken, givenToken)) throw new ForbiddenException('the form token is missing or does not match');
}

export function newFormToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time, so a guess learns nothing from how long the refusal took. */
function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where to go after signing in: a path of this site only, never another host (`//evil`, `/\evil`). */
export function localPath(next: string | undefined): string {
  return next !== undefined && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

import { dayAfter, helsinkiDate, isIsoDate } from '../../core/helsinki-date.js';
import { normaliseName } from '../../core/text-formats.js';
import { normalisePartyId } from '../../core/party-id.js';
import type { Role } from '../principal.js';
import type { NewToken } from './ledger-token-store.js';

/**
 * A token's scope must fit its role: a clerk acts for exactly one party, a region limits only an
 * admin, an auditor reads everything. An expiry is a timestamp, or a date meaning the end of that
 * day in Europe/Helsinki (the token works through 31.12. and stops at midnight); it must lie
 * ahead. Returns the normalised spec or the problems found.
 */
export function checkTokenSpec(
  spec: {
    name?: string;
    role?: string;
    partyId?: string;
    region?: string;
    expiresAt?: string;
  },
  now: Date = new Date(),
): { ok: true; spec: NewToken } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const role = spec.role as Role;
  if (!['admin', 'clerk', 'auditor'].includes(spec.role ?? '')) problems.push('role must be admin, clerk or auditor');
  if (!spec.name?.trim()) problems.push('name is required (it becomes the actor of the events the token records)');
  let partyId: string | undefined;
  if (role === 'clerk') {
    partyId = spec.partyId === undefined ? undefined : normalisePartyId(spec.partyId);
    if (spec.partyId === undefined) problems.push('a clerk token needs --party <business id>');
    else if (partyId === undefined) problems.push(`--party ${spec.partyId} is not a valid business id (Y-tunnus)`);
  } else if (spec.partyId !== undefined) {
    problems.push('--party is only for clerk tokens');
  }
  if (spec.region !== undefined && role !== 'admin') problems.push('--region limits only admin tokens');
  if (spec.region !== undefined && !spec.region.trim()) problems.push('--region must not be empty');
  const expiresAt = spec.expiresAt === undefined ? undefined : expiryInstant(spec.expiresAt);
  if (spec.expiresAt !== undefined && expiresAt === undefined) {
    problems.push(`--expires ${spec.expiresAt} is not a date (YYYY-MM-DD) or an ISO 8601 timestamp`);
  } else if (expiresAt !== undefined && expiresAt <= now) {
    problems.push(`--expires ${spec.expiresAt} is in the past (the token would never work)`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    spec: {
      name: normaliseName(spec.name!),
      role,
      ...(partyId !== undefined && { partyId }),
      ...(spec.region !== undefined && { region: normaliseName(spec.region) }),
      ...(expiresAt !== undefined && { expiresAt: expiresAt.toISOString() }),
    },
  };
}

/** `YYYY-MM-DD` → the first instant after that day in Europe/Helsinki; a timestamp → itself. */
function expiryInstant(value: string): Date | undefined {
  if (isIsoDate(value)) {
    const next = dayAfter(value);
    return next === null ? undefined : helsinkiMidnight(next);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** 00:00 of `date` in Europe/Helsinki: UTC+2 in winter, UTC+3 in summer (midnight is never in a DST gap there). */
function helsinkiMidnight(date: string): Date {
  for (const offsetHours of [2, 3]) {
    const candidate = new Date(Date.parse(`${date}T00:00:00Z`) - offsetHours * 3600_000);
    if (helsinkiDate(candidate) === date && helsinkiDate(new Date(candidate.getTime() - 1)) !== date) return candidate;
  }
  throw new RangeError(`no midnight found for ${date} in Europe/Helsinki`);
}

import { normaliseName } from '../../core/text-formats.js';
import { normalisePartyId } from '../../core/party-id.js';
import type { Role } from '../principal.js';
import type { NewToken } from './ledger-token-store.js';

/**
 * A token's scope must fit its role: a clerk acts for exactly one party, a region limits only an
 * admin, an auditor reads everything. Returns the normalised spec or the problems found.
 */
export function checkTokenSpec(spec: {
  name?: string;
  role?: string;
  partyId?: string;
  region?: string;
  expiresAt?: string;
}): { ok: true; spec: NewToken } | { ok: false; problems: string[] } {
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
  if (spec.expiresAt !== undefined && Number.isNaN(Date.parse(spec.expiresAt))) {
    problems.push(`--expires ${spec.expiresAt} is not a date or timestamp`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    spec: {
      name: normaliseName(spec.name!),
      role,
      ...(partyId !== undefined && { partyId }),
      ...(spec.region !== undefined && { region: normaliseName(spec.region) }),
      ...(spec.expiresAt !== undefined && { expiresAt: new Date(spec.expiresAt).toISOString() }),
    },
  };
}

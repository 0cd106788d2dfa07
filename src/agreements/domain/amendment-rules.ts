import type { AmendmentChange, ForceRule } from '../../core/agreement-events.js';
import { hubOf } from '../../core/force-rule.js';
import type { AmendmentChangeInput } from './agreement-commands.js';
import { applyChange, contentOf, type VersionContent } from '../../core/version-content.js';
import { assertNever, type AgreementVersion, type ExistingAgreement } from './agreement-state.js';
import {
  MIN_PARTIES,
  checkedAnnex,
  checkedJointBody,
  checkedParty,
  optional,
  refuse,
  requireAnnex,
  requireDate,
  requireDistinctBodies,
  requireJointBody,
  requireParty,
  requireTerm,
  validPartyId,
} from './decide-guards.js';
import { checkedObligationChange, requireObligationsFit } from './obligation-rules.js';

/** The new version's content while an amendment's changes are checked in order; `number` names the base in messages. */
type NextVersion = VersionContent & { readonly number: number };

export function requireLatestBase(agreement: ExistingAgreement, base: AgreementVersion): void {
  if (base.number !== agreement.latestVersion) {
    throw refuse(
      'amendment-not-based-on-latest',
      `An amendment must build on the latest version ${agreement.latestVersion}, not on version ${base.number}.`,
      'basedOn',
    );
  }
}

/** The amendment's changes, each checked against the content the earlier ones left; the result keeps enough parties. */
export function checkedChanges(base: AgreementVersion, changes: readonly AmendmentChangeInput[], forceRule: ForceRule): AmendmentChange[] {
  if (changes.length === 0) throw refuse('amendment-without-changes', 'An amendment must change something.', 'changes');
  // Changes apply in order, so a later change sees the earlier ones (remove annex B, then add a new B).
  let content: NextVersion = { number: base.number, ...contentOf(base) };
  const accepted: AmendmentChange[] = [];
  changes.forEach((change, i) => {
    const checked = checkedChange(change, content, `changes[${i}]`, hubOf(forceRule));
    content = { number: base.number, ...applyChange(content, checked) };
    // A removed party may convene an obligation, a revised obligation name a party it lacks.
    requireObligationsFit(content, `changes[${i}]`);
    accepted.push(checked);
  });
  if (content.parties.length < MIN_PARTIES) {
    throw refuse('too-few-parties', `After these changes the agreement would have ${content.parties.length} parties; it needs at least ${MIN_PARTIES}.`, 'changes');
  }
  return accepted;
}

function checkedChange(change: AmendmentChangeInput, version: NextVersion, at: string, hub: string | null): AmendmentChange {
  switch (change.op) {
    case 'amend-annex':
      requireAnnex(version, change.annexId, `${at}.annexId`);
      return { op: change.op, annexId: change.annexId, ...optional('title', change.title), sha256: change.sha256 };
    case 'add-annex':
      if (version.annexes.some((annex) => annex.annexId === change.annexId)) {
        throw refuse('duplicate-annex', `The version already has an annex ${change.annexId}; amend it instead.`, `${at}.annexId`);
      }
      return { op: change.op, ...checkedAnnex(change, at) };
    case 'remove-annex':
      requireAnnex(version, change.annexId, `${at}.annexId`);
      return { op: change.op, annexId: change.annexId };
    case 'revise-document':
      return { op: change.op, ...optional('title', change.title), sha256: change.sha256 };
    case 'add-party': {
      const party = checkedParty(change.party, `${at}.party`);
      if (version.parties.some((p) => p.partyId === party.partyId)) {
        throw refuse('duplicate-party', `${party.partyId} is already a party of the agreement.`, `${at}.party.partyId`);
      }
      return { op: change.op, party };
    }
    case 'remove-party': {
      const partyId = validPartyId(change.partyId, `${at}.partyId`);
      requireParty(version, partyId, `${at}.partyId`);
      if (partyId === hub) {
        // Every spoke is bound with the hub: without it no version could be in force for anyone.
        throw refuse('hub-removed', `${partyId} is the hub of this hub-and-spoke agreement and stays a party of every version.`, `${at}.partyId`);
      }
      // A joint body keeps its members explicit: the amendment removes the body (and adds it again without the party) first.
      const joint = version.jointBodies.find((body) => body.members.includes(partyId));
      if (joint !== undefined) {
        throw refuse(
          'member-of-joint-body',
          `${partyId} is a member of the joint body "${joint.name}"; remove that joint body first (remove-joint-body, then add-joint-body without the party).`,
          `${at}.partyId`,
        );
      }
      return { op: change.op, partyId };
    }
    case 'add-joint-body':
      return { op: change.op, jointBody: checkedJointBody(change.jointBody, version.parties, version.jointBodies, `${at}.jointBody`) };
    case 'remove-joint-body':
      return { op: change.op, name: requireJointBody(version, change.name, `${at}.name`).name };
    case 'revise-party':
      return checkedPartyRevision(change, version, at);
    case 'revise-term':
      return checkedTermRevision(change, version, at);
    case 'add-obligation':
    case 'revise-obligation':
    case 'remove-obligation':
      return checkedObligationChange(change, version, at);
    default:
      return assertNever(change);
  }
}

/** A party's new name or bodies, without removing and re-adding it: at least one field, and its bodies still distinct. */
function checkedPartyRevision(change: Extract<AmendmentChangeInput, { op: 'revise-party' }>, version: NextVersion, at: string): AmendmentChange {
  const partyId = validPartyId(change.partyId, `${at}.partyId`);
  requireParty(version, partyId, `${at}.partyId`);
  const { name, competentBody, competentBodyKind, bodyAliases, otherBodies } = change;
  const checked: AmendmentChange = {
    op: 'revise-party',
    partyId,
    ...optional('name', name),
    ...optional('competentBody', competentBody),
    ...optional('competentBodyKind', competentBodyKind),
    ...optional('bodyAliases', bodyAliases),
    ...optional('otherBodies', otherBodies),
  };
  if (Object.keys(checked).length === 2) {
    throw refuse('amendment-without-changes', 'A revise-party change names at least one of name, competentBody, competentBodyKind, bodyAliases, otherBodies.', at);
  }
  const revised = applyChange(version, checked).parties.find((party) => party.partyId === partyId);
  if (revised !== undefined) requireDistinctBodies(revised, at);
  return checked;
}

/** A new term for the version: at least one end given (a date, or null to open it), and still in order. */
function checkedTermRevision(change: Extract<AmendmentChangeInput, { op: 'revise-term' }>, version: NextVersion, at: string): AmendmentChange {
  const { effectiveFrom, effectiveUntil } = change;
  if (effectiveFrom === undefined && effectiveUntil === undefined) {
    throw refuse('amendment-without-changes', 'A revise-term change names effectiveFrom, effectiveUntil or both.', at);
  }
  if (typeof effectiveFrom === 'string') requireDate(effectiveFrom, `${at}.effectiveFrom`);
  if (typeof effectiveUntil === 'string') requireDate(effectiveUntil, `${at}.effectiveUntil`);
  const checked: AmendmentChange = { op: 'revise-term', ...optional('effectiveFrom', effectiveFrom), ...optional('effectiveUntil', effectiveUntil) };
  requireTerm(applyChange(version, checked), `${at}.${effectiveUntil === undefined ? 'effectiveFrom' : 'effectiveUntil'}`);
  return checked;
}

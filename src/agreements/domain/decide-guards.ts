import type { AnnexInput, PartyInput } from './agreement-commands.js';
import { AgreementNotFound, AgreementRuleViolation } from './agreement-errors.js';
import type { Annex, IsoDate, JointBody, Party } from '../../core/agreement-events.js';
import type { VersionContent } from '../../core/version-content.js';
import { findVersion, type AgreementState, type AgreementVersion, type ExistingAgreement } from './agreement-state.js';
import { helsinkiDate, isIsoDate } from '../../core/helsinki-date.js';
import { normalisePartyId } from '../../core/party-id.js';
import { findJointBody, knownBodies, listsBody } from '../../core/party-bodies.js';
import { terminatedAsOf } from '../../core/termination.js';
import { sameName } from '../../core/text-formats.js';

// ——— guards: each passes, or throws the refusal a clerk can act on ———

/** An agreement binds at least two parties; a draft or amendment leaving fewer is not one. */
export const MIN_PARTIES = 2;

/** The agreement, whatever its termination: each command checks that by its own date (`requireOpenOn`). */
export function existingAgreement(state: AgreementState, agreementId: string): ExistingAgreement {
  if (state.status === 'none') throw new AgreementNotFound(agreementId);
  return state;
}

/**
 * A termination blocks only from its effectiveOn (DESIGN.md "Terminations"): a fact dated before
 * it — a decision by decidedOn, a signature by signedOn, an annulment by annulledOn, an undated
 * command by today — is still recorded, also once the termination has taken effect.
 */
export function requireOpenOn(agreement: ExistingAgreement, date: IsoDate, field?: string): void {
  if (agreement.status === 'terminated' && terminatedAsOf(agreement.termination.effectiveOn, date)) {
    throw refuse(
      'agreement-terminated',
      `Agreement ${agreement.agreementId} is terminated from ${agreement.termination.effectiveOn}; nothing dated ${date} can be recorded on it.`,
      field,
    );
  }
}

export function existingVersion(agreement: ExistingAgreement, number: number, field: string): AgreementVersion {
  const version = findVersion(agreement, number);
  if (version === undefined) {
    throw refuse('unknown-version', `Agreement ${agreement.agreementId} has no version ${number}; its latest version is ${agreement.latestVersion}.`, field);
  }
  return version;
}

export function validPartyId(raw: string, field: string): string {
  const partyId = normalisePartyId(raw);
  if (partyId === undefined) {
    throw refuse('invalid-party-id', `"${raw}" is not a valid business id (Y-tunnus): expected NNNNNNN-C with a matching check digit.`, field);
  }
  return partyId;
}

/**
 * A party as the log keeps it: its id normalised, its competent body a council unless said
 * otherwise, empty lists of bodies left out, and no body listed twice (by any spelling).
 */
export function checkedParty(party: PartyInput, at: string): Party {
  const { partyId, name, kind, competentBody, bodyAliases, otherBodies } = party;
  const checked: Party = {
    partyId: validPartyId(partyId, `${at}.partyId`),
    name,
    kind,
    competentBody,
    competentBodyKind: party.competentBodyKind ?? 'council',
    ...(bodyAliases !== undefined && bodyAliases.length > 0 && { bodyAliases }),
    ...(otherBodies !== undefined && otherBodies.length > 0 && { otherBodies }),
  };
  requireDistinctBodies(checked, at);
  return checked;
}

/** One body, one entry: a name listed twice would leave it unclear whether its decisions bind. */
export function requireDistinctBodies(party: Party, at: string): void {
  const names = knownBodies(party);
  const repeated = names.find((name, i) => names.findIndex((other) => sameName(other, name)) !== i);
  if (repeated !== undefined) {
    throw refuse('body-listed-twice', `${party.name} lists the body "${repeated}" twice (competentBody, bodyAliases and otherBodies name different bodies).`, at);
  }
}

/** A draft's parties, each checked, none listed twice. */
export function distinctParties(parties: readonly PartyInput[]): Party[] {
  const checkedParties: Party[] = [];
  parties.forEach((party, i) => {
    const checked = checkedParty(party, `parties[${i}]`);
    if (checkedParties.some((p) => p.partyId === checked.partyId)) {
      throw refuse('duplicate-party', `Party ${checked.partyId} is listed twice.`, `parties[${i}].partyId`);
    }
    checkedParties.push(checked);
  });
  return checkedParties;
}

export function requireParty(version: Pick<AgreementVersion, 'parties' | 'number'>, partyId: string, field: string): Party {
  const party = version.parties.find((candidate) => candidate.partyId === partyId);
  if (party === undefined) throw refuse('unknown-party', `${partyId} is not a party of version ${version.number} of the agreement.`, field);
  return party;
}

/**
 * A decision's body must be one the party lists (DESIGN.md "Party"): a misspelt council would
 * otherwise be recorded and silently never count. The refusal names the bodies it knows.
 */
export function requireListedBody(party: Party, body: string, field: string): void {
  if (listsBody(party, body)) return;
  const known = knownBodies(party);
  throw new AgreementRuleViolation(
    'unknown-body',
    `${party.name} lists no body "${body}"; its bodies are: ${known.map((name) => `"${name}"`).join(', ')}. Add the body to the party (revise-party) if its decisions are to be recorded.`,
    field,
    { knownBodies: known },
  );
}

/** A joint body the version lists, by its name compared as body names are; else `unknown-body`, naming those it knows. */
export function requireJointBody(version: Pick<VersionContent, 'jointBodies'>, name: string, field: string): JointBody {
  const jointBody = findJointBody(version.jointBodies, name);
  if (jointBody !== undefined) return jointBody;
  const known = version.jointBodies.map((body) => body.name);
  throw new AgreementRuleViolation(
    'unknown-body',
    `The version lists no joint body "${name}"; its joint bodies are: ${known.length === 0 ? 'none' : known.map((n) => `"${n}"`).join(', ')}. Add it (add-joint-body) if its decisions are to be recorded.`,
    field,
    { knownBodies: known },
  );
}

/**
 * A joint body as the log keeps it: its members parties of the version, each once, their ids
 * normalised. Its name must differ from the joint bodies already listed (as body names compare).
 */
export function checkedJointBody(jointBody: JointBody, parties: readonly Party[], listed: readonly JointBody[], at: string): JointBody {
  requireText(jointBody.name, `${at}.name`);
  if (findJointBody(listed, jointBody.name) !== undefined) {
    throw refuse('duplicate-joint-body', `A joint body "${jointBody.name}" is already listed; names compare trimmed and case folded.`, `${at}.name`);
  }
  const members: string[] = [];
  jointBody.members.forEach((raw, i) => {
    const field = `${at}.members[${i}]`;
    const partyId = validPartyId(raw, field);
    if (!parties.some((party) => party.partyId === partyId)) throw refuse('unknown-party', `Joint body member ${partyId} is not a party of the version.`, field);
    if (members.includes(partyId)) throw refuse('duplicate-party', `${partyId} is listed twice among the members of "${jointBody.name}".`, field);
    members.push(partyId);
  });
  return { name: jointBody.name, members };
}

/** A draft's joint bodies, each checked against the draft's parties and the ones before it. */
export function checkedJointBodies(jointBodies: readonly JointBody[], parties: readonly Party[]): JointBody[] {
  const checked: JointBody[] = [];
  jointBodies.forEach((jointBody, i) => checked.push(checkedJointBody(jointBody, parties, checked, `jointBodies[${i}]`)));
  return checked;
}

export function requireAnnex(version: VersionContent, annexId: string, field: string): void {
  if (!version.annexes.some((annex) => annex.annexId === annexId)) throw refuse('unknown-annex', `The version has no annex ${annexId}.`, field);
}

export function checkedAnnex(annex: AnnexInput, at: string): Annex {
  const { annexId, title, sha256, legalBasis } = annex;
  if ((annex.publicity ?? 'public') === 'public') {
    // A secrecy basis on an annex about to be published is most likely a forgotten 'confidential'.
    if (legalBasis !== undefined && legalBasis.trim() !== '') {
      throw refuse('annex-publicity-conflict', `Annex ${annexId} gives a legal basis for secrecy but is not marked confidential.`, `${at}.publicity`);
    }
    return { annexId, title, sha256, publicity: 'public' };
  }
  if (legalBasis === undefined || legalBasis.trim() === '') {
    throw refuse('legal-basis-required', `Confidential annex ${annexId} must name its legal basis, e.g. "JulkL 621/1999 24 § 1 mom. 8 k.".`, `${at}.legalBasis`);
  }
  return { annexId, title, sha256, publicity: 'confidential', legalBasis };
}

/** A draft's annexes, none listed twice, each checked. */
export function distinctAnnexes(annexes: readonly AnnexInput[]): Annex[] {
  const checkedAnnexes: Annex[] = [];
  annexes.forEach((annex, i) => {
    if (checkedAnnexes.some((a) => a.annexId === annex.annexId)) {
      throw refuse('duplicate-annex', `Annex ${annex.annexId} is listed twice.`, `annexes[${i}].annexId`);
    }
    checkedAnnexes.push(checkedAnnex(annex, `annexes[${i}]`));
  });
  return checkedAnnexes;
}

export function requireDate(date: string, field: string): void {
  if (!isIsoDate(date)) throw refuse('invalid-date', `${field} "${date}" is not a calendar date (YYYY-MM-DD).`, field);
}

/** Decisions, annulments and signatures are records of what happened: not later than today in Finland. */
export function requirePastDate(date: IsoDate, field: string, now: Date): void {
  requireDate(date, field);
  const today = helsinkiDate(now);
  if (date > today) throw refuse('date-in-future', `${field} ${date} is in the future; today in Finland is ${today}.`, field);
}

/** A term's last day is not before its first: effectiveUntil ≥ effectiveFrom when both are set. */
export function requireTerm({ effectiveFrom, effectiveUntil }: Pick<VersionContent, 'effectiveFrom' | 'effectiveUntil'>, field: string): void {
  if (effectiveFrom !== null && effectiveUntil !== null && effectiveUntil < effectiveFrom) {
    throw refuse('term-ends-before-start', `The term would end on ${effectiveUntil}, before it begins on ${effectiveFrom}.`, field);
  }
}

export function requireText(text: string, field: string): void {
  if (text.trim() === '') throw refuse('text-required', `${field} must not be empty.`, field);
}

/** `{ key: value }` when the value is present, else `{}`: events carry no `undefined` fields. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

export function refuse(code: AgreementRuleViolation['code'], message: string, field?: string): AgreementRuleViolation {
  return new AgreementRuleViolation(code, message, field);
}
